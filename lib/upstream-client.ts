/**
 * Server only: the HTTP client our API routes use to call an upstream JSON API.
 *
 * It is Node's own `http`/`https` client on one keep-alive agent per protocol.
 * Not `fetch`, nor undici's `request()` behind it: both take an unsolicited
 * `100 Continue` for a broken answer and drop the connection ("bad
 * response", undici 8.13 and Node 26's fetch), where RFC 9110 §15.2 says a
 * client must skip it. `http.request` skips every 1xx, and docs/performance.md
 * measured it as fast as undici on this hop.
 *
 * What every call guarantees, whatever the upstream does:
 * - one deadline for the whole exchange, answer body included;
 * - redirects are never followed (the request carries the user's access
 *   token, which must not travel to wherever a `Location` header points);
 * - the answer body is capped in size while it is read, so a broken upstream
 *   cannot fill our memory;
 * - the answer must be JSON (a JSON content type, and a body that parses).
 * Nothing here logs: the caller decides what to log, and never the headers.
 */
import './server-only';
import http from 'node:http';
import https from 'node:https';

/** Larger answers are refused: our API's biggest answer is a few kilobytes. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

// Keep-alive connections shared by every request of this server process: no
// TCP (or TLS) handshake per call.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

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
