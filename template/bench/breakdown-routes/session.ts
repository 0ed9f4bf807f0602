/** Breakdown route "route + session": withApiAuthRequired reads (decrypts) the session cookie. */
import type { NextApiRequest, NextApiResponse } from 'next';
import { auth0 } from '@/lib/auth0';

export default auth0.withApiAuthRequired(async function session(
  _req: NextApiRequest,
  res: NextApiResponse,
) {
  res.status(200).json({ products: [] });
});
