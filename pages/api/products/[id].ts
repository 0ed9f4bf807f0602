/** GET /api/products/:id → GET <PRODUCTS_API_URL>/products/:id, with the user's access token. */
import type { NextApiRequest, NextApiResponse } from 'next';
import { methodNotAllowed } from '@/lib/api-route';
import { auth0 } from '@/lib/auth0';
import { callProductsApi } from '@/lib/products-api';

export default auth0.withApiAuthRequired(async function product(
  req: NextApiRequest,
  res: NextApiResponse,
) {
  if (req.method !== 'GET') return methodNotAllowed(res, ['GET']);

  const id = encodeURIComponent(String(req.query.id));
  const { status, body } = await callProductsApi(req, res, {
    method: 'GET',
    path: `/products/${id}`,
  });
  res.status(status).json(body);
});
