/**
 * Sessions under concurrency with the template's settings: non-rotating
 * refresh tokens (__tests__/sessions-under-concurrency.suite.ts).
 */
import { NON_ROTATING } from '@/test-helpers/sessions-harness';
import { sessionsUnderConcurrency } from './sessions-under-concurrency.suite';

sessionsUnderConcurrency(4660, NON_ROTATING);
