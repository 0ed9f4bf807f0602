/**
 * GET  /api/products → GET  <PRODUCTS_API_URL>/products
 * POST /api/products → POST <PRODUCTS_API_URL>/products
 *
 * withApiAuthRequired answers 401 without a session; with one, the access
 * token is added on the server and the API's answer is checked and passed
 * back. A POST must come from our own pages, as JSON (CSRF protection).
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { acceptOnlySameOriginJson, methodNotAllowed, noStore, readJsonBody } from '@/lib/api-route';
import { auth0 } from '@/lib/auth0';
import { env } from '@/lib/env';
import { productListSchema, productSchema } from '@/lib/products';
import { callProductsApi } from '@/lib/products-api-client';

// The body is read by readJsonBody (lib/api-route.ts), which answers its errors as JSON.
export const config = { api: { bodyParser: false } };

export default noStore(
  auth0.withApiAuthRequired(async function products(req: NextApiRequest, res: NextApiResponse) {
    if (req.method === 'GET') {
      const request = { method: 'GET', path: '/products' } as const;
      const { status, body } = await callProductsApi(req, res, request, productListSchema);
      return res.status(status).json(body);
    }
    if (req.method !== 'POST') return methodNotAllowed(res, ['GET', 'POST']);

    if (!acceptOnlySameOriginJson(req, res, env.APP_BASE_URL)) return;
    const product = await readJsonBody(req, res);
    if (!product) return;
    // Adding a product needs a token from a login that passed a second factor (lib/step-up.ts).
    const request = {
      method: 'POST',
      path: '/products',
      body: product.value,
      stepUp: 'add_product',
    } as const;
    const { status, body } = await callProductsApi(req, res, request, productSchema);
    res.status(status).json(body);
  }),
);
