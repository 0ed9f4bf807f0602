/** GET /api/products/:id → GET <PRODUCTS_API_URL>/products/:id, with the user's access token. */
import type { NextApiRequest, NextApiResponse } from 'next';
import { methodNotAllowed, noStore } from '@/lib/api-route';
import { auth0 } from '@/lib/auth0';
import { productSchema } from '@/lib/products';
import { callProductsApi } from '@/lib/products-api-client';

// No body is read here: without Next's parser, a malformed one cannot become a plain-text error.
export const config = { api: { bodyParser: false } };

/** Letters, digits, `_` and `-`: what the products API's ids are made of, and nothing URL-special. */
const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export default noStore(
  auth0.withApiAuthRequired(async function product(req: NextApiRequest, res: NextApiResponse) {
    if (req.method !== 'GET') return methodNotAllowed(res, ['GET']);

    // Only ids that are one plain path segment: `..` or `.` would be resolved by
    // new URL() into another path of the API, with the user's token on it.
    const id = String(req.query.id);
    if (!PRODUCT_ID.test(id)) {
      return res.status(404).json({ error: 'not_found', message: 'No such product.' });
    }
    const request = { method: 'GET', path: `/products/${id}` } as const;
    const { status, body } = await callProductsApi(req, res, request, productSchema);
    res.status(status).json(body);
  }),
);
