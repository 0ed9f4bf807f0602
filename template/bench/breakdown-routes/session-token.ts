/**
 * Breakdown route "route + session + access token": withApiAuthRequired, then
 * the access token as the BFF routes get it (lib/access-token.ts), which uses
 * the session withApiAuthRequired has already read.
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { getAccessToken } from '@/lib/access-token';
import { auth0 } from '@/lib/auth0';

export default auth0.withApiAuthRequired(async function sessionToken(
  req: NextApiRequest,
  res: NextApiResponse,
) {
  await getAccessToken(req, res);
  res.status(200).json({ products: [] });
});
