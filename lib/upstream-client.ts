/**
 * Server only: the HTTP client our API routes use to call an upstream JSON API.
 *
 * It is undici (the library behind Node's own `fetch`), called through its
 * `request()` API on one pooled, keep-alive agent. `fetch` would do the same
 * work, but its WHATWG layer (Request, Response, Headers and web streams
 * objects on every call) costs more CPU than the request itself on a local
 * hop; docs/performance.md has the measurements.
 *
 * What every call guarantees, whatever the upstream does:
 * - one deadline for the whole exchange, answer body included;
 * - redirects are never followed (the request carries the user's access
 *   token, which must not travel to wherever a `Location` header points);
 * - the answer body is capped in size, so a broken upstream cannot fill our memory;
 * - the answer must be JSON (a JSON content type, and a body that parses).
 * Nothing here logs: the caller decides what to log, and never the headers.
 */
import './server-only';
import { Agent, errors } from 'undici';

/** Larger answers are refused: our API's biggest answer is a few kilobytes. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

// One pool of keep-alive connections per upstream origin, shared by every
// request of this server process: no TCP handshake per call.
const agent = new Agent({ maxResponseSize: MAX_RESPONSE_BYTES });

export type JsonRequest = {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
};

export type JsonResponse = { status: number; body: unknown };

/** Why a call produced no usable answer. */
export type UpstreamFailure =
  'timeout' | 'unreachable' | 'redirect' | 'server_error' | 'too_large' | 'not_json';

export class UpstreamError extends Error {
  constructor(
    readonly reason: UpstreamFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * Sends a request and returns the JSON answer of a 2xx or 4xx status.
 * Throws an UpstreamError for everything else.
 */
export async function requestJson(options: JsonRequest): Promise<JsonResponse> {
  // An AbortController with a timer we clear is cheaper than
  // AbortSignal.timeout(), whose timer outlives the request.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  try {
    return await exchange(options, deadline.signal);
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (deadline.signal.aborted) {
      throw new UpstreamError('timeout', `no answer within ${options.timeoutMs} ms`);
    }
    if (error instanceof errors.ResponseExceededMaxSizeError) {
      throw new UpstreamError('too_large', `answer larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    throw new UpstreamError('unreachable', (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

async function exchange({ method, url, headers, body }: JsonRequest, signal: AbortSignal) {
  const response = await agent.request({
    origin: url.origin,
    path: url.pathname + url.search,
    method,
    signal,
    headers: {
      ...headers,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { statusCode: status } = response;
  const contentType = String(response.headers['content-type'] ?? '');

  const refusal =
    status >= 500
      ? new UpstreamError('server_error', `answered ${status}`, status)
      : status >= 300 && status < 400
        ? new UpstreamError('redirect', `answered ${status}, which is not followed`, status)
        : !JSON_CONTENT_TYPE.test(contentType)
          ? new UpstreamError('not_json', `answered ${status} with "${contentType}"`, status)
          : undefined;
  if (refusal) {
    // Read and drop what is left of the body, so the connection can be reused.
    await response.body.dump().catch(() => {});
    throw refusal;
  }

  const text = await response.body.text();
  try {
    return { status, body: JSON.parse(text) as unknown };
  } catch {
    throw new UpstreamError('not_json', `answered ${status} with a body that is not JSON`, status);
  }
}
