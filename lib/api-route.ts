/**
 * Small guards shared by the API routes. Server only.
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
