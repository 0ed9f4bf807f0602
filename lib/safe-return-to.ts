/**
 * Where to send the user after login: a path on this app, never another site.
 *
 * The SDK keeps only same-origin `returnTo` values, but it stores them as
 * paths, and a path such as `//evil.example/pwn` (from `/.//evil.example/pwn`,
 * `/x/..//evil.example/pwn` or `http://localhost:3000//evil.example/pwn`) is
 * read as another host by `new URL(path, base)` and by browsers ("protocol-
 * relative"). So the redirect after login goes through this function, which
 * answers a path that starts with exactly one `/`, or `/` when in doubt.
 */
const HOME = '/';

/**
 * Backslashes (browsers read `/\evil.example` as `//evil.example`) and control
 * characters (URL parsers silently drop tabs and newlines): no legitimate
 * returnTo has them, so refuse rather than guess what a parser will make of them.
 */
const SUSPICIOUS = /[\\\u0000-\u001F\u007F]/;

/** `//host` or `/\host`: a path that any later parser may read as a host. */
const startsLikeAHost = (path: string) => /^[/\\][/\\]/.test(path);

export function safeReturnTo(returnTo: string | null | undefined, appBaseUrl: string): string {
  if (!returnTo || SUSPICIOUS.test(returnTo)) return HOME;

  const base = new URL(appBaseUrl);
  let url: URL;
  try {
    url = new URL(returnTo, base);
  } catch {
    return HOME;
  }
  // Another origin, `javascript:` (origin "null"), or credentials in the URL.
  if (url.origin !== base.origin || url.username || url.password) return HOME;

  const path = `${url.pathname}${url.search}${url.hash}`;
  if (startsLikeAHost(path)) return HOME;

  // A proxy or framework may decode the path once more before using it
  // (`/%2F%2Fevil.example`, `/%5Cevil.example`): refuse what would then look
  // like a host as well.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return HOME;
  }
  if (startsLikeAHost(decoded) || SUSPICIOUS.test(decoded)) return HOME;

  return path;
}
