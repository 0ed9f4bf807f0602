/**
 * Auth0 cannot verify which application receives a redirect to a loopback
 * address (any program on the machine can listen on http://localhost:3000)
 * or to a custom URI scheme (any app on a phone can register `myapp://`). It
 * calls such callback URLs "non-verifiable" and treats the app behind them
 * with care: it asks for consent even for first-party apps, and it asks the
 * user to confirm a login that would otherwise complete silently through
 * single sign-on.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isVerifiableCallback(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return !LOOPBACK_HOSTS.has(url.hostname) && !url.hostname.endsWith('.localhost');
}
