/**
 * What the API routes share, server only: no caching, JSON errors, the CSRF
 * check of a write, and reading its JSON body.
 */
import './server-only';
import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';

/**
 * Every answer of these routes is about the signed-in user: no browser cache
 * or shared cache (a CDN, a company proxy) may keep one and show it to
 * someone else, or after logout.
 */
export function noStore(handler: NextApiHandler): NextApiHandler {
  return (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    return handler(req, res);
  };
}

/** True for `application/json`, with any parameters and in any case (media types are case-insensitive). */
export function isJsonContentType(header: string | undefined): boolean {
  const mediaType = header?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/** 405 with the Allow header, as JSON like every other API answer. */
export function methodNotAllowed(res: NextApiResponse, allowed: string[]) {
  res.setHeader('Allow', allowed.join(', '));
  res.status(405).json({
    error: 'method_not_allowed',
    message: `Use ${allowed.join(' or ')}.`,
  });
}

/**
 * CSRF protection for requests that change something. The session cookie is
 * SameSite=Lax, which already keeps it off cross-site POSTs; this is the
 * second lock: the browser must say the request comes from our own pages
 * (Sec-Fetch-Site, or else Origin), and the body must be JSON, which a plain
 * HTML form on another site cannot send.
 *
 * Answers the error and returns false when the request is refused.
 */
export function acceptOnlySameOriginJson(
  req: NextApiRequest,
  res: NextApiResponse,
  appBaseUrl: string,
): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const sameOrigin = fetchSite
    ? fetchSite === 'same-origin'
    : origin === new URL(appBaseUrl).origin;
  if (!sameOrigin) {
    res.status(403).json({
      error: 'cross_site_request',
      message: 'This request must come from the app’s own pages.',
    });
    return false;
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    res.status(415).json({
      error: 'unsupported_media_type',
      message: 'Send the body as JSON (Content-Type: application/json).',
    });
    return false;
  }
  return true;
}

/**
 * Reading a JSON request body with limits, in place of Next.js's body parser.
 *
 * Next's parser answers its errors in plain text (invalid JSON → 400, over
 * 1 MB → 413), and every answer of our API must be JSON `{ error, message }`.
 * It also accepts JSON nested thousands of levels deep, which overflows the
 * stack later, when the body is serialized to be sent on. A route that uses
 * this helper turns Next's parser off:
 *
 *   export const config = { api: { bodyParser: false } };
 */

/** A product is a few hundred bytes; this leaves room and nothing more. */
export const MAX_BODY_BYTES = 100 * 1024;
/** A product is one level deep; no real request comes near this. */
export const MAX_BODY_DEPTH = 32;
/**
 * A few hundred bytes arrive in one packet: a body still incomplete after this
 * is a client holding the connection open (a slow-body attack), not a slow network.
 */
export const BODY_READ_TIMEOUT_MS = 10_000;

function refuse(res: NextApiResponse, status: number, error: string, message: string): undefined {
  res.status(status).json({ error, message });
  return undefined;
}

/** Walks the value without recursion, so that the check itself cannot overflow the stack. */
function isNestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

function readBytes(
  req: NextApiRequest,
  limit: number,
  timeoutMs: number,
): Promise<Buffer | 'too_large' | 'too_slow'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (outcome: 'too_large' | 'too_slow') => {
      // Keep nothing more; the rest is discarded when the connection closes.
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume();
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop('too_large');
    };
    const onEnd = () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(() => stop('too_slow'), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * The parsed body, or `undefined` after answering 400 (not JSON, or nested too
 * deeply), 408 (not complete in time) or 413 (too large).
 */
export async function readJsonBody(
  req: NextApiRequest,
  res: NextApiResponse,
  { maxBytes = MAX_BODY_BYTES, maxDepth = MAX_BODY_DEPTH, timeoutMs = BODY_READ_TIMEOUT_MS } = {},
): Promise<{ value: unknown } | undefined> {
  const tooLarge = () => {
    // Do not read the rest: close the connection once the answer is sent.
    res.setHeader('Connection', 'close');
    return refuse(
      res,
      413,
      'payload_too_large',
      `The body is too large (at most ${maxBytes / 1024} KB).`,
    );
  };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return tooLarge();
  const bytes = await readBytes(req, maxBytes, timeoutMs);
  if (bytes === 'too_large') return tooLarge();
  if (bytes === 'too_slow') {
    res.setHeader('Connection', 'close');
    return refuse(
      res,
      408,
      'request_timeout',
      `The body did not arrive within ${timeoutMs / 1000} s.`,
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return refuse(res, 400, 'invalid_request', 'The body is not valid JSON.');
  }
  if (isNestedDeeperThan(value, maxDepth)) {
    return refuse(
      res,
      400,
      'invalid_request',
      `The body is nested too deeply (at most ${maxDepth} levels).`,
    );
  }
  return { value };
}
