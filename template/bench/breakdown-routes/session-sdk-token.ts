/**
 * Breakdown route "route + session + getAccessToken": withApiAuthRequired,
 * then auth0.getAccessToken(req, res), which reads (decrypts) the session
 * cookie a second time. No upstream call.
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
