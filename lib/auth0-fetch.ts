/**
 * Server only: the `fetch` the SDK uses for every call to Auth0 (passed as
 * `customFetch` in lib/auth0.ts). It adds two things the SDK does not do
 * (docs/sessions.md#many-requests-one-refresh).
 *
 * 1. One refresh per refresh token. Requests that find the same expired token
 *    at once (SDK 4.30 does not coordinate them) share one exchange, and its
 *    answer is handed for a few seconds to requests that arrive a little later
 *    with the old cookie. Only a well-formed token response, read within a size
 *    cap, is shared; it is dropped when the SDK refuses it and when its refresh
 *    token is revoked at logout. A 429 is kept until its `Retry-After`. Across
 *    several instances, see docs/decisions/005-refresh-tokens-and-logout.md.
 * 2. The call log: what each call met (no answer, a 5xx, how a refresh was
 *    answered), written for the request that made it, so that each request is
 *    judged by its own calls.
 *
 * State lives on globalThis: proxy.ts and the pages are separate bundles of
 * one process, and must share what they know.
 */
import './server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

/**
 * The call log. One user's failing refreshes must not turn another user's
 * logout into "Auth0 could not be reached": AsyncLocalStorage carries each
 * request's own log through the SDK's awaits down to `auth0Fetch` below.
 * https://nodejs.org/api/async_context.html#class-asynclocalstorage
 */

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
  /** Run if the SDK throws: stops sharing an answer the SDK refused. */
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

/** The SDK threw: an answer it refused is not handed to other requests. */
export function sdkRefused(log = storage.getStore()) {
  for (const refused of log?.onRefused.splice(0) ?? []) refused();
}

/** The log of the request being served, if its call to the SDK is observed. */
export function currentAuth0CallLog(): Auth0CallLog | undefined {
  return storage.getStore();
}

// The shared refresh.

/** Longest time an exchange's answer is handed to late requests. */
const SHARE_ANSWER_FOR_MS = 10_000;
/** A token response is a few kilobytes; the SDK refuses anything above 1 MiB too. */
export const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;
/** How long a 429 without a usable `Retry-After` holds back the next refresh, and the most any does. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;
const MAX_RETRY_AFTER_SECONDS = 60;

type TokenResponse = { access_token: string; token_type: string; expires_in: number };

type Answer = {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  receivedAt: number;
  /** A well-formed token response (a 200 only). */
  tokens?: TokenResponse & { refresh_token?: unknown };
  /** The OAuth error code of a refusal. */
  error?: string;
  retryAfterSeconds?: number;
};

type Exchange = {
  answer: Promise<Answer>;
  /** Set once the answer is worth handing to later requests, until `keepUntil`. */
  settled?: Answer;
  keepUntil?: number;
  /** Hashes of the refresh tokens it was sent and answered with: revoking either drops it. */
  refreshTokens: Set<string>;
};

const STATE_KEY = Symbol.for('nextjs-auth0-starter.auth0-fetch');
const globalState = globalThis as typeof globalThis & { [STATE_KEY]?: Map<string, Exchange> };
const exchanges: Map<string, Exchange> = (globalState[STATE_KEY] ??= new Map());

export const auth0Fetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const body = formBody(init?.body);
  // Revoked at logout: no later request may be handed tokens from this refresh token.
  const revoked = new URL(url).pathname.endsWith('/revoke') ? body?.get('token') : null;
  if (revoked) forgetAnswersFor(revoked);
  if (body?.get('grant_type') !== 'refresh_token') return observe(() => fetch(input, init));

  forgetStaleExchanges();
  const key = hash(`${url}\n${body.toString()}`);
  const exchange =
    exchanges.get(key) ?? startExchange(key, body.get('refresh_token'), () => fetch(input, init));
  const log = currentAuth0CallLog();
  let answer: Answer;
  try {
    answer = await exchange.answer;
  } catch (error) {
    if (log) log.unreachable = true;
    throw error;
  }
  if (log) {
    const { status, error, retryAfterSeconds } = answer;
    log.tokenAnswer = { status, error, retryAfterSeconds };
    if (status >= 500) log.unreachable = true;
    if (answer.tokens) log.onRefused.push(() => forget(key, exchange));
  }
  return toResponse(answer);
};

/** A call that is not shared: only what it met is written down. */
async function observe(call: () => Promise<Response>): Promise<Response> {
  const log = currentAuth0CallLog();
  try {
    const response = await call();
    if (log && response.status >= 500) log.unreachable = true;
    return response;
  } catch (error) {
    if (log) log.unreachable = true;
    throw error;
  }
}

function startExchange(key: string, refreshToken: string | null, call: () => Promise<Response>) {
  const exchange: Exchange = {
    answer: call().then(readAnswer),
    refreshTokens: new Set([hash(refreshToken ?? '')]),
  };
  exchanges.set(key, exchange);
  exchange.answer.then(
    (answer) => {
      // Forgotten meanwhile (revoked at logout): the waiting requests get it, nobody else.
      if (exchanges.get(key) !== exchange) return;
      const keepForMs = keepingTime(answer);
      if (keepForMs <= 0) return void exchanges.delete(key);
      exchange.settled = answer;
      exchange.keepUntil = answer.receivedAt + keepForMs;
      const next = answer.tokens?.refresh_token;
      if (typeof next === 'string') exchange.refreshTokens.add(hash(next));
    },
    () => forget(key, exchange),
  );
  return exchange;
}

/** New tokens: a few seconds, never past half their lifetime. A rate limit: until Retry-After. */
function keepingTime(answer: Answer): number {
  if (answer.tokens) return Math.min(SHARE_ANSWER_FOR_MS, (answer.tokens.expires_in * 1000) / 2);
  if (answer.status === 429) return (answer.retryAfterSeconds ?? 0) * 1000;
  return 0;
}

function forget(key: string, exchange: Exchange) {
  if (exchanges.get(key) === exchange) exchanges.delete(key);
}

function forgetStaleExchanges() {
  const now = Date.now();
  for (const [key, { keepUntil }] of exchanges) {
    if (keepUntil !== undefined && now >= keepUntil) exchanges.delete(key);
  }
}

function forgetAnswersFor(refreshToken: string) {
  const revoked = hash(refreshToken);
  for (const [key, exchange] of exchanges) {
    if (exchange.refreshTokens.has(revoked)) exchanges.delete(key);
  }
}

async function readAnswer(response: Response): Promise<Answer> {
  const body = await readCapped(response, MAX_TOKEN_RESPONSE_BYTES);
  const answer: Answer = {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body,
    receivedAt: Date.now(),
  };
  const parsed = parseObject(body);
  if (response.status === 200 && isTokenResponse(parsed)) answer.tokens = parsed;
  if (response.status >= 400 && typeof parsed?.error === 'string') answer.error = parsed.error;
  if (response.status === 429) answer.retryAfterSeconds = retryAfter(response.headers);
  return answer;
}

/** The body as text, refused as soon as it grows past `limit` bytes (nothing more is read). */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    throw new Error(`Auth0's token endpoint answered more than ${limit} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) {
      await response.body?.cancel().catch(() => {});
      throw new Error(`Auth0's token endpoint answered more than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined; // Not JSON: the SDK reports it; nothing to share.
  }
}

function isTokenResponse(value: Record<string, unknown> | undefined): value is TokenResponse {
  return (
    typeof value?.access_token === 'string' &&
    value.access_token !== '' &&
    typeof value.token_type === 'string' &&
    typeof value.expires_in === 'number' &&
    Number.isFinite(value.expires_in) &&
    value.expires_in > 0
  );
}

/** `Retry-After` in seconds or as a date (RFC 9110 §10.2.3), within bounds. */
function retryAfter(headers: Headers): number {
  const value = headers.get('retry-after')?.trim() ?? '';
  const seconds = /^\d+$/.test(value)
    ? Number(value)
    : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

/**
 * An answer as a fresh Response. A shared token response's `expires_in`
 * counts from now, so the SDK records when the access token really expires.
 */
function toResponse(answer: Answer): Response {
  let body = answer.body;
  if (answer.tokens) {
    const elapsed = Math.floor((Date.now() - answer.receivedAt) / 1000);
    body = JSON.stringify({ ...answer.tokens, expires_in: answer.tokens.expires_in - elapsed });
  }
  const headers = new Headers(answer.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers });
}

function formBody(body: BodyInit | null | undefined): URLSearchParams | undefined {
  if (body instanceof URLSearchParams) return body;
  if (typeof body === 'string') return new URLSearchParams(body);
  return undefined;
}

/** Hashed, so that no token is kept as a key. */
function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
