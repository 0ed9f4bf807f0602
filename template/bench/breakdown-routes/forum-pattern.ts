/**
 * Breakdown route "the forum answer's pattern": what people write instead of
 * /api/products, as in the Auth0 Community answer this template grew from.
 * withApiAuthRequired, auth0.getAccessToken(req, res), then Node's fetch to
 * the API with the token, and its JSON passed back unchecked: no deadline, no
 * size cap, no check of the answer's shape, no retry, failures as 500s.
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { auth0 } from '@/lib/auth0';

export default auth0.withApiAuthRequired(async function forumPattern(
  req: NextApiRequest,
  res: NextApiResponse,
) {
  const { token } = await auth0.getAccessToken(req, res);
  const response = await fetch(new URL('/products', process.env.PRODUCTS_API_URL), {
    headers: { authorization: `Bearer ${token}` },
  });
  res.status(response.status).json(await response.json());
});
