/**
 * Breakdown route "route + session + token": withApiAuthRequired, then
 * getAccessToken, which reads (decrypts) the session cookie a second time.
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { auth0 } from '@/lib/auth0';

export default auth0.withApiAuthRequired(async function sessionToken(
  req: NextApiRequest,
  res: NextApiResponse,
) {
  await auth0.getAccessToken(req, res);
  res.status(200).json({ products: [] });
});
