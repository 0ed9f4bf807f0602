/**
 * Server only: the backend-for-frontend call to the products API.
 *
 * The browser calls our API routes with its session cookie; this code takes
 * the user's access token from the session, as the SDK's EXAMPLES.md shows
 * ("Getting an access token", Pages Router), and calls the real API with it.
 * The token never leaves the server. Failures become JSON the UI can explain,
 * and so does an answer our pages could not render.
 */
import './server-only';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { auth0 } from '@/lib/auth0';
import { currentAuth0CallLog, sdkRefused, withAuth0CallLog } from '@/lib/auth0-fetch';
import { env } from '@/lib/env';
import { hasScope, STEP_UPS, type StepUp } from '@/lib/step-up';
import { describeTokenError } from '@/lib/token-errors';

/** Larger answers are refused: our API's biggest answer is a few kilobytes. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export type UpstreamRequest = {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** The step-up whose scope the call needs (lib/step-up.ts): without it, 403 step_up_required. */
  stepUp?: StepUp;
};
export type ProxyResult = { status: number; body: unknown };

function failure(status: number, error: string, message: string): ProxyResult {
  return { status, body: { error, message } };
}

/**
 * The products API's answer to `request`, sent with the user's access token.
 * A 2xx must match `successSchema`: only the fields it names are passed on.
 */
export async function callProductsApi(
  req: IncomingMessage,
  res: ServerResponse,
  request: UpstreamRequest,
  successSchema: z.ZodType,
): Promise<ProxyResult> {
  const answer = await sendWithToken(req, res, request);
  return checkAnswer(answer, successSchema, `${request.method} ${request.path}`);
}

function sendWithToken(
  req: IncomingMessage,
  res: ServerResponse,
  request: UpstreamRequest,
): Promise<ProxyResult> {
  // What this request's calls to Auth0 meet is logged for it alone, so that a
  // failure is judged by them, not by other users' (lib/auth0-fetch.ts).
  return withAuth0CallLog(async () => {
    try {
      // From the session; refreshed with the refresh token first if it has
      // expired (the SDK then writes the new tokens to the session cookie on `res`).
      const { token, scope } = await auth0.getAccessToken(req, res);
      // Not sent at all without the step-up's scope: the UI asks the user to
      // confirm it's them (a login with a second factor). The API checks the scope too.
      if (request.stepUp && !hasScope(scope, STEP_UPS[request.stepUp])) {
        return stepUpRequired(request.stepUp);
      }
      // 2xx and 4xx pass through: the API is the authority on what the user may do.
      const answer = await send(request, token);
      if (!refusedAsInvalid(answer)) return answer;
      // The API refused a token the app took for valid: the clocks of the app,
      // Auth0 and the API disagree by a few seconds, or the token was revoked.
      // Renew it once and retry once; a second refusal passes through.
      const renewed = await auth0.getAccessToken(req, res, { refresh: true });
      return await send(request, renewed.token);
    } catch (error) {
      if (error instanceof UpstreamError) {
        // The log names the call and what went wrong, never the request's headers (the token).
        console.error(`[products-api] ${request.method} ${request.path} failed: ${error.message}`);
        return upstreamFailure[error.reason];
      }
      return tokenFailure(res, error);
    }
  });
}

function send({ method, path, body }: UpstreamRequest, token: string): Promise<ProxyResult> {
  return requestJson({
    method,
    url: new URL(path, env.PRODUCTS_API_URL),
    headers: { authorization: `Bearer ${token}` },
    body,
    timeoutMs: env.PRODUCTS_API_TIMEOUT_MS,
  });
}

/** 403: the session's access token lacks the scope that only a step-up grants. */
function stepUpRequired(stepUp: StepUp): ProxyResult {
  return failure(
    403,
    'step_up_required',
    `Confirm it’s you with a second factor first: this needs ${STEP_UPS[stepUp]}, which your session gets only after one.`,
  );
}

/** A failed getAccessToken as JSON: what it means for the user (lib/token-errors.ts). */
function tokenFailure(res: ServerResponse, error: unknown): ProxyResult {
  sdkRefused();
  const log = currentAuth0CallLog();
  const { status, error: code, message, retryAfterSeconds } = describeTokenError(error, log);
  if (retryAfterSeconds) res.setHeader('Retry-After', String(retryAfterSeconds));
  return failure(status, code, message);
}

/** A 401 `invalid_token` (RFC 6750 §3.1), which the sample API also names in its JSON body. */
function refusedAsInvalid({ status, body }: ProxyResult): boolean {
  return status === 401 && (body as { error?: unknown } | null)?.error === 'invalid_token';
}

const upstreamFailure: Record<UpstreamFailure, ProxyResult> = {
  timeout: failure(504, 'upstream_timeout', 'The products API did not answer in time. Try again.'),
  unreachable: failure(
    502,
    'upstream_unreachable',
    'The products API cannot be reached. Try again in a moment.',
  ),
  server_error: failure(502, 'upstream_error', 'The products API failed. Try again in a moment.'),
  redirect: failure(
    502,
    'upstream_invalid_response',
    'The products API answered with a redirect, which the app does not follow.',
  ),
  too_large: failure(
    502,
    'upstream_invalid_response',
    `The products API sent an answer larger than ${MAX_RESPONSE_BYTES / 1024} KB.`,
  ),
  not_json: failure(
    502,
    'upstream_invalid_response',
    'The products API sent an answer that is not JSON.',
  ),
};

/** How every error answer looks, ours and the API's. */
const errorAnswerSchema = z.object({
  error: z.string(),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});

/**
 * The API is the authority on what a user may see, but not on what our pages
 * can render: a 2xx of another shape (`{"items":[]}`, `"ok"`, `null`) would
 * crash /products. Such an answer becomes a 502 the page can explain.
 */
function checkAnswer(
  { status, body }: ProxyResult,
  successSchema: z.ZodType,
  what: string,
): ProxyResult {
  const ok = status >= 200 && status < 300;
  const parsed = (ok ? successSchema : errorAnswerSchema).safeParse(body);
  if (parsed.success) return { status, body: parsed.data };

  // For whoever runs the app: where the answer differs, not the data itself.
  const issue = parsed.error.issues[0];
  console.error(
    `[products-api] ${what} answered ${status} with an unexpected body: ${issue?.message} at "${issue?.path.join('.')}"`,
  );
  return {
    status: 502,
    body: {
      error: 'upstream_invalid_response',
      message: 'The products API sent an answer this app does not understand.',
    },
  };
}

/**
 * The HTTP call itself, on Node's own `http`/`https` client with one keep-alive
 * agent per protocol. Not `fetch` (nor undici's `request()` behind it): both
 * drop the connection on an unsolicited `100 Continue`, which RFC 9110 §15.2
 * says a client must skip; `http.request` skips it, and is faster on this hop
 * (docs/performance.md#the-upstream-client-measured-then-chosen).
 *
 * Whatever the upstream does: one deadline for the whole exchange; no
 * redirect followed (the request carries the user's token); the body capped
 * while it is read; a JSON answer. Nothing here logs, least of all the headers.
 */

// Keep-alive connections shared by every request of this server process: no
// TCP (or TLS) handshake per call.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export type JsonRequest = {
  method: UpstreamRequest['method'];
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
export function requestJson({ method, url, headers, body, timeoutMs }: JsonRequest) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<JsonResponse>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method,
      agent: agents[url.protocol as keyof typeof agents],
      headers: {
        ...headers,
        accept: 'application/json',
        ...(payload === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
      },
    });
    const fail = (error: UpstreamError) => {
      clearTimeout(deadline);
      request.destroy();
      reject(error);
    };
    const deadline = setTimeout(
      () => fail(new UpstreamError('timeout', `no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('error', (error) => fail(new UpstreamError('unreachable', error.message)));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const contentType = String(response.headers['content-type'] ?? '');
      if (status >= 500)
        return fail(new UpstreamError('server_error', `answered ${status}`, status));
      if (status >= 300 && status < 400) {
        return fail(
          new UpstreamError('redirect', `answered ${status}, which is not followed`, status),
        );
      }
      if (!JSON_CONTENT_TYPE.test(contentType)) {
        return fail(
          new UpstreamError('not_json', `answered ${status} with "${contentType}"`, status),
        );
      }
      const tooLarge = () =>
        fail(new UpstreamError('too_large', `answer larger than ${MAX_RESPONSE_BYTES} bytes`));
      if (Number(response.headers['content-length'] ?? 0) > MAX_RESPONSE_BYTES) return tooLarge();

      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) return tooLarge();
        chunks.push(chunk);
      });
      response.on('error', (error) => fail(new UpstreamError('unreachable', error.message)));
      response.on('end', () => {
        clearTimeout(deadline);
        try {
          resolve({ status, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
        } catch {
          reject(
            new UpstreamError(
              'not_json',
              `answered ${status} with a body that is not JSON`,
              status,
            ),
          );
        }
      });
    });
    request.end(payload);
  });
}
