/**
 * Sessions under concurrency with rotating refresh tokens and no reuse
 * interval, the strictest setting a tenant can have, where any refresh token
 * sent twice ends the session: proves the app itself never sends a used
 * refresh token, whatever the tenant does
 * (__tests__/sessions-under-concurrency.suite.ts).
 */
import { ROTATING_NO_REUSE } from '@/test-helpers/sessions-harness';
import { sessionsUnderConcurrency } from './sessions-under-concurrency.suite';

sessionsUnderConcurrency(4661, ROTATING_NO_REUSE);
