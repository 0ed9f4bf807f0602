/**
 * Breakdown route "route + upstream call": the call to the products API
 * through requestJson (lib/products-api-client.ts), with no session. The benchmark sends the
 * bearer token itself, so this route only forwards it.
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { env } from '@/lib/env';
import { requestJson } from '@/lib/products-api-client';

export default async function upstream(req: NextApiRequest, res: NextApiResponse) {
  const { status, body } = await requestJson({
    method: 'GET',
    url: new URL('/products', env.PRODUCTS_API_URL),
    headers: { authorization: String(req.headers.authorization) },
    timeoutMs: env.PRODUCTS_API_TIMEOUT_MS,
  });
  res.status(status).json(body);
}
