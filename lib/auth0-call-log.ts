/**
 * Server only: what one request's own calls to Auth0 met.
 *
 * A request's outcome (a logout that could not reach Auth0, a refresh Auth0
 * rate-limited) is judged by its own calls alone, never by what other users'
 * requests met at the same moment: one user's failing refreshes must not
 * turn another user's logout into "Auth0 could not be reached". Node's
 * AsyncLocalStorage carries the log through the SDK's awaits down to
 * `customFetch` (lib/auth0-fetch.ts), which writes into it.
 * https://nodejs.org/api/async_context.html#class-asynclocalstorage
 */
import './server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/** How the token endpoint answered a refresh. */
export type TokenAnswer = {
  status: number;
  /** The OAuth `error` code of a refused refresh. */
  error?: string;
  /** From a 429's `Retry-After`: when Auth0 takes refreshes again. */
  retryAfterSeconds?: number;
};

export type Auth0CallLog = {
  /** A call got no answer, or a 5xx. */
  unreachable: boolean;
  /** The last answer to a refresh. */
  tokenAnswer?: TokenAnswer;
  /** Run if the SDK throws: lib/auth0-fetch.ts stops sharing an answer the SDK refused. */
  onRefused: (() => void)[];
};

export type Observed<T> =
  { ok: true; value: T; log: Auth0CallLog } | { ok: false; error: unknown; log: Auth0CallLog };

// One instance per process: proxy.ts and the pages are separate bundles.
const KEY = Symbol.for('nextjs-auth0-starter.auth0-call-log');
const shared = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Auth0CallLog> };
const storage = (shared[KEY] ??= new AsyncLocalStorage<Auth0CallLog>());

/** Runs `work` with a log of its own: the calls to Auth0 it makes write into it. */
export function withAuth0CallLog<T>(work: () => Promise<T>): Promise<T> {
  return storage.run({ unreachable: false, onRefused: [] }, work);
}

/** Runs a call to the SDK, and returns its outcome with what its own calls to Auth0 met. */
export async function observeAuth0Calls<T>(work: () => Promise<T>): Promise<Observed<T>> {
  return withAuth0CallLog(async () => {
    const log = storage.getStore()!;
    try {
      return { ok: true, value: await work(), log };
    } catch (error) {
      sdkRefused(log);
      return { ok: false, error, log };
    }
  });
}

/** The SDK threw: an answer it refused is not handed to other requests (lib/auth0-fetch.ts). */
export function sdkRefused(log = storage.getStore()) {
  for (const refused of log?.onRefused.splice(0) ?? []) refused();
}

/** The log of the request being served, if its call to the SDK is observed. */
export function currentAuth0CallLog(): Auth0CallLog | undefined {
  return storage.getStore();
}
