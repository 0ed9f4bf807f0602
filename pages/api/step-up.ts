/**
 * GET /api/step-up → which step-ups this session's access token holds, and
 * until when: `{ "add_product": { "allowed": true, "until": "<ISO time>" } }`.
 *
 * Read from the session's access token, renewed first if it has expired: past
 * the Action's window a renewal drops the scope (auth0/actions/require-mfa-for-writes.js),
 * and this answer with it. The token itself stays on the server.
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { methodNotAllowed, noStore } from '@/lib/api-route';
import { auth0 } from '@/lib/auth0';
import { observeAuth0Calls } from '@/lib/auth0-fetch';
import { hasScope, STEP_UPS, type StepUpStatus } from '@/lib/step-up';
import { describeTokenError } from '@/lib/token-errors';

export default noStore(
  auth0.withApiAuthRequired(async function stepUp(req: NextApiRequest, res: NextApiResponse) {
    if (req.method !== 'GET') return methodNotAllowed(res, ['GET']);

    const observed = await observeAuth0Calls(() => auth0.getAccessToken(req, res));
    if (!observed.ok) {
      const problem = describeTokenError(observed.error, observed.log);
      if (problem.retryAfterSeconds)
        res.setHeader('Retry-After', String(problem.retryAfterSeconds));
      return res.status(problem.status).json({ error: problem.error, message: problem.message });
    }
    const { scope, expiresAt } = observed.value;
    const until = new Date(expiresAt * 1000).toISOString();
    const status = Object.fromEntries(
      Object.entries(STEP_UPS).map(([name, needed]) => [
        name,
        hasScope(scope, needed) ? { allowed: true, until } : { allowed: false },
      ]),
    ) as StepUpStatus;
    res.status(200).json(status);
  }),
);
