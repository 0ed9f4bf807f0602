/**
 * Breakdown route "route + session + the SDK's getAccessToken": what the BFF
 * routes did before lib/access-token.ts took the token from the session
 * withApiAuthRequired had read. auth0.getAccessToken(req, res) reads
 * (decrypts) the session cookie a second time.
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { auth0 } from '@/lib/auth0';

export default auth0.withApiAuthRequired(async function sessionSdkToken(
  req: NextApiRequest,
  res: NextApiResponse,
) {
  await auth0.getAccessToken(req, res);
  res.status(200).json({ products: [] });
});
