/**
 * Sessions under real use, run once per refresh-token setting (see
 * session-under-concurrency.test.ts and session-under-rotation.test.ts): many
 * requests at once right after expiry, a page load racing an API call, a page
 * load's renewal handed to the page. With the real SDK against the real local
 * Auth0 and access tokens of a few seconds.
 *
 * Most tests start from a real login's tokens in a session cookie whose access
 * token has already expired, instead of waiting for it.
 */
import {
  countRefreshes,
  sessionsHarness,
  type RefreshTokenSettings,
} from '@/test-helpers/sessions-harness';

export function sessionsUnderConcurrency(port: number, refreshToken: RefreshTokenSettings) {
  const sessions = sessionsHarness(port);
  beforeAll(() => sessions.startAuth0(refreshToken), 30_000);

  test('8 API calls at once right after expiry all succeed with one refresh, expiry after expiry', async () => {
    const browser = await sessions.expiredSession();
    const refreshes = countRefreshes();
    for (let expiry = 1; expiry <= 4; expiry++) {
      if (expiry > 1) await sessions.untilExpired();
      refreshes.count = 0;
      const results = await Promise.all(Array.from({ length: 8 }, () => sessions.callApi(browser)));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(refreshes.count).toBe(1);
    }
  }, 40_000);

  test('a page load after expiry renews once and hands the renewed cookie to the page, which writes none', async () => {
    const browser = await sessions.logIn();
    await sessions.untilExpired();
    const refreshes = countRefreshes();
    const page = await sessions.app.proxy('/profile', browser.cookie);
    const written = page.headers.getSetCookie().filter((c) => c.startsWith('__session='));
    expect(written).toHaveLength(1);
    // What Next.js passes on to the page as its request's Cookie header.
    const forwarded = page.headers.get('x-middleware-request-cookie') ?? '';
    expect(forwarded).toContain(written[0]!.split(';')[0]);

    const profile = await sessions.app.get('/profile', forwarded);
    expect(profile.status).toBe(200);
    expect(profile.headers.getSetCookie().filter((c) => c.startsWith('__session'))).toEqual([]);
    expect(refreshes.count).toBe(1);
  }, 20_000);

  test.each(['the page load', 'the API call'])(
    'a page load and an API call racing after expiry, %s answered last: the session lives on',
    async (last) => {
      const browser = await sessions.expiredSession();
      const cookie = browser.cookie;
      const [page, api] = await Promise.all([
        sessions.app.proxy('/products', cookie),
        sessions.app.get('/api/products', cookie),
      ]);
      expect(api.status).toBe(200);
      // The browser applies the answers' cookies in the order they arrive.
      const order = last === 'the page load' ? [api, page] : [page, api];
      order.forEach((response) => browser.receive(response));

      // The cookie the browser kept must hold a refresh token Auth0 still honours.
      for (let expiry = 1; expiry <= 2; expiry++) {
        await sessions.untilExpired();
        expect((await sessions.callApi(browser)).status).toBe(200);
      }
    },
    30_000,
  );
}
