/** Breakdown route "bare route": Next's API route machinery and nothing else. */
import type { NextApiRequest, NextApiResponse } from 'next';

export default function bare(_req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ products: [] });
}
