/**
 * Server only: the `fetch` the SDK uses for every call to Auth0 (passed as
 * `customFetch` in lib/auth0.ts). It adds two things the SDK does not do.
 *
 * 1. One refresh per refresh token. When an access token expires, every
 *    request that carries the session tries to refresh it: a page with
 *    several data hooks, or several tabs, sends the same refresh token to
 *    Auth0 several times at once (SDK 4.30 does not coordinate them). Here,
 *    those requests share one exchange, and its answer is kept for a few
 *    seconds so that requests arriving a little later with the old cookie
 *    (and the page loads in proxy.ts) get the same new tokens instead of
 *    exchanging again. This works within one server process; across several
 *    instances the tenant's refresh-token settings make a parallel exchange
 *    harmless (docs/decisions/005-refresh-tokens-and-logout.md).
 *
 * 2. It remembers whether Auth0 answered at all, so that "Auth0 cannot be
 *    reached" can be told apart from "your session has ended".
 *
 * State lives on globalThis: proxy.ts and the pages are separate bundles, so
 * each has its own copy of this module, but they run in the same process and
 * must share what they know.
 */
import './server-only';
import { createHash } from 'node:crypto';

/** Longest time an exchange's answer is handed to late requests. */
const SHARE_ANSWER_FOR_MS = 10_000;

type Answer = {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  receivedAt: number;
  /** The access token's lifetime in that answer, in seconds. */
  expiresIn?: number;
};

type SharedState = {
  exchanges: Map<string, { answer: Promise<Answer>; settled?: Answer }>;
  health: { failures: number; lastFailureAt: number; lastSuccessAt: number };
};

const STATE_KEY = Symbol.for('nextjs-auth0-starter.auth0-fetch');
const globalState = globalThis as typeof globalThis & { [STATE_KEY]?: SharedState };
const state: SharedState = (globalState[STATE_KEY] ??= {
  exchanges: new Map(),
  health: { failures: 0, lastFailureAt: 0, lastSuccessAt: 0 },
});

/** How the last calls to Auth0 went, in this server process. */
export function auth0Health(): Readonly<SharedState['health']> {
  return { ...state.health };
}

export const auth0Fetch: typeof fetch = async (input, init) => {
  const body = formBody(init?.body);
  if (body?.get('grant_type') !== 'refresh_token') return track(() => fetch(input, init));

  const key = exchangeKey(String(input instanceof Request ? input.url : input), body);
  forgetStaleExchanges();
  let exchange = state.exchanges.get(key);
  if (!exchange) {
    const answer = track(() => fetch(input, init)).then(readAnswer);
    const created: { answer: Promise<Answer>; settled?: Answer } = { answer };
    state.exchanges.set(key, created);
    answer.then(
      (settled) => {
        // Only a successful exchange is worth sharing after the fact; a
        // failure is shared with the requests waiting for it, then forgotten.
        if (settled.status === 200) created.settled = settled;
        else state.exchanges.delete(key);
      },
      () => state.exchanges.delete(key),
    );
    exchange = created;
  }
  return toResponse(await exchange.answer);
};

/** Runs a call to Auth0 and records whether Auth0 answered. */
async function track(call: () => Promise<Response>): Promise<Response> {
  try {
    const response = await call();
    if (response.status >= 500) recordFailure();
    else state.health.lastSuccessAt = Date.now();
    return response;
  } catch (error) {
    recordFailure();
    throw error;
  }
}

function recordFailure() {
  state.health.failures++;
  state.health.lastFailureAt = Date.now();
}

async function readAnswer(response: Response): Promise<Answer> {
  const body = await response.text();
  let expiresIn: number | undefined;
  try {
    const parsed = JSON.parse(body) as { expires_in?: unknown };
    if (typeof parsed.expires_in === 'number') expiresIn = parsed.expires_in;
  } catch {
    // Not JSON: the SDK reports it; nothing to share.
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body,
    receivedAt: Date.now(),
    expiresIn,
  };
}

/**
 * A shared answer as a fresh Response. Its `expires_in` counts from now, so
 * the SDK records when the access token really expires, not when it was issued.
 */
function toResponse(answer: Answer): Response {
  let body = answer.body;
  if (answer.expiresIn !== undefined) {
    const elapsed = Math.floor((Date.now() - answer.receivedAt) / 1000);
    body = JSON.stringify({ ...JSON.parse(body), expires_in: answer.expiresIn - elapsed });
  }
  const headers = new Headers(answer.headers);
  headers.delete('content-length');
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers });
}

/** Answers are shared for a few seconds, and never past half the access token's lifetime. */
function forgetStaleExchanges() {
  const now = Date.now();
  for (const [key, { settled }] of state.exchanges) {
    if (!settled) continue;
    const lifetimeMs = (settled.expiresIn ?? 0) * 1000;
    if (now - settled.receivedAt >= Math.min(SHARE_ANSWER_FOR_MS, lifetimeMs / 2)) {
      state.exchanges.delete(key);
    }
  }
}

function formBody(body: BodyInit | null | undefined): URLSearchParams | undefined {
  if (body instanceof URLSearchParams) return body;
  if (typeof body === 'string') return new URLSearchParams(body);
  return undefined;
}

/** An exchange is identified by everything it sends; hashed, so no token is kept as a key. */
function exchangeKey(url: string, body: URLSearchParams): string {
  return createHash('sha256').update(`${url}\n${body.toString()}`).digest('hex');
}
