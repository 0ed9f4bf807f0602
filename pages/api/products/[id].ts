/** GET /api/products/:id → GET <PRODUCTS_API_URL>/products/:id, with the user's access token. */
import type { NextApiRequest, NextApiResponse } from 'next';
import { methodNotAllowed, noStore } from '@/lib/api-route';
import { auth0 } from '@/lib/auth0';
import { productSchema } from '@/lib/products';
import { callProductsApi } from '@/lib/products-api-client';
import { checkUpstreamAnswer } from '@/lib/upstream-answer';

// No body is read here: without Next's parser, a malformed one cannot become a plain-text error.
export const config = { api: { bodyParser: false } };

export default noStore(
  auth0.withApiAuthRequired(async function product(req: NextApiRequest, res: NextApiResponse) {
    if (req.method !== 'GET') return methodNotAllowed(res, ['GET']);

    const id = encodeURIComponent(String(req.query.id));
    const answer = await callProductsApi(req, res, { method: 'GET', path: `/products/${id}` });
    const { status, body } = checkUpstreamAnswer(answer, productSchema, 'GET /products/:id');
    res.status(status).json(body);
  }),
);
