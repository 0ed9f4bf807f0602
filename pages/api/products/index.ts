/**
 * GET  /api/products → GET  <PRODUCTS_API_URL>/products
 * POST /api/products → POST <PRODUCTS_API_URL>/products
 *
 * withApiAuthRequired answers 401 without a session; with one, the access
 * token is added on the server and the API's answer is passed back. A POST
 * must come from our own pages, as JSON (CSRF protection).
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { acceptOnlySameOriginJson, methodNotAllowed } from '@/lib/api-route';
import { auth0 } from '@/lib/auth0';
import { parseServerEnv } from '@/lib/env';
import { callProductsApi } from '@/lib/products-api';

const { APP_BASE_URL } = parseServerEnv();

export default auth0.withApiAuthRequired(async function products(
  req: NextApiRequest,
  res: NextApiResponse,
) {
  if (req.method !== 'GET' && req.method !== 'POST') return methodNotAllowed(res, ['GET', 'POST']);
  if (req.method === 'POST' && !acceptOnlySameOriginJson(req, res, APP_BASE_URL)) return;

  const { status, body } = await callProductsApi(req, res, {
    method: req.method,
    path: '/products',
    body: req.method === 'POST' ? req.body : undefined,
  });
  res.status(status).json(body);
});
