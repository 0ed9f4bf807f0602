import type { NextApiResponse } from 'next';

/** 405 with the Allow header, as JSON like every other API answer. */
export function methodNotAllowed(res: NextApiResponse, allowed: string[]) {
  res.setHeader('Allow', allowed.join(', '));
  res.status(405).json({
    error: 'method_not_allowed',
    message: `Use ${allowed.join(' or ')}.`,
  });
}
