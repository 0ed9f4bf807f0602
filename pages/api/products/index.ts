/**
 * GET  /api/products → GET  <PRODUCTS_API_URL>/products
 * POST /api/products → POST <PRODUCTS_API_URL>/products
 *
 * withApiAuthRequired answers 401 without a session; with one, the access
 * token is added on the server and the API's answer is passed back.
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { methodNotAllowed } from '@/lib/api-route';
import { auth0 } from '@/lib/auth0';
import { callProductsApi } from '@/lib/products-api';

export default auth0.withApiAuthRequired(async function products(
  req: NextApiRequest,
  res: NextApiResponse,
) {
  if (req.method !== 'GET' && req.method !== 'POST') return methodNotAllowed(res, ['GET', 'POST']);

  const { status, body } = await callProductsApi(req, res, {
    method: req.method,
    path: '/products',
    body: req.method === 'POST' ? req.body : undefined,
  });
  res.status(status).json(body);
});
