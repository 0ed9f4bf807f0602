/**
 * The shared refresh keeps an answer for later requests only if it is a
 * well-formed token response. The SDK refusing an answer drops it too
 * (__tests__/auth0-faults.test.ts), but a 200 the SDK accepts, or one met
 * outside an observed request, must not be handed on for seconds: that is
 * this module's own check, tested here against `auth0Fetch` alone.
 */
import { randomUUID } from 'node:crypto';
import { auth0Fetch, MAX_TOKEN_RESPONSE_BYTES, observeAuth0Calls } from './auth0-fetch';

const TOKEN_URL = 'https://tenant.example/oauth/token';
const REVOKE_URL = 'https://tenant.example/oauth/revoke';
const tokens = (extra: Record<string, unknown> = {}) => ({
  access_token: 'at',
  token_type: 'Bearer',
  expires_in: 600,
  ...extra,
});
const refresh = (refreshToken: string) =>
  auth0Fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  }).then((response) => response.text());

/** Two refreshes with the same refresh token, one after the other: how many reached "Auth0". */
async function refreshTwice(answer: () => Response): Promise<number> {
  const sent = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => answer());
  // A refresh token of its own: kept answers live on globalThis across tests.
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: randomUUID() });
  for (let i = 0; i < 2; i++) {
    const response = await auth0Fetch(TOKEN_URL, { method: 'POST', body });
    await response.text();
  }
  return sent.mock.calls.length;
}

const json = (body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

test('a well-formed token response is handed to the next request with the same refresh token', async () => {
  // Without this, the tests below could pass because nothing is ever kept.
  const tokens = { access_token: 'at', token_type: 'Bearer', expires_in: 600 };
  await expect(refreshTwice(() => json(tokens))).resolves.toBe(1);
});

test.each<[string, unknown]>([
  ['an empty access token', { access_token: '', token_type: 'Bearer', expires_in: 600 }],
  ['expires_in as a string', { access_token: 'at', token_type: 'Bearer', expires_in: '600' }],
  ['expires_in of zero', { access_token: 'at', token_type: 'Bearer', expires_in: 0 }],
  ['no token_type', { access_token: 'at', expires_in: 600 }],
  ['an error object', { error: 'server_error' }],
  ['a body that is not JSON', '<html>Bad gateway</html>'],
])('a 200 with %s is not kept: the next request asks Auth0 again', async (_kind, body) => {
  await expect(refreshTwice(() => json(body))).resolves.toBe(2);
});

test('revoking the refresh token an answer carried (a rotated one) drops that answer too', async () => {
  const sent = jest
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async (input) =>
      String(input) === REVOKE_URL
        ? new Response(null, { status: 200 })
        : json(tokens({ refresh_token: 'rotated' })),
    );
  const first = randomUUID();
  await refresh(first);
  await auth0Fetch(REVOKE_URL, { method: 'POST', body: new URLSearchParams({ token: 'rotated' }) });
  await refresh(first);
  // Two refreshes reached "Auth0": the kept answer, whose new token was revoked, was not handed on.
  expect(sent.mock.calls.filter(([url]) => String(url) === TOKEN_URL)).toHaveLength(2);
});

test('an answer the SDK refuses in an observed call (a page load, /auth/*) is not kept', async () => {
  const sent = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => json(tokens()));
  const refreshToken = randomUUID();
  const refused = await observeAuth0Calls(async () => {
    await refresh(refreshToken);
    throw new Error('the SDK refused the ID token');
  });
  expect(refused.ok).toBe(false);
  await refresh(refreshToken);
  expect(sent).toHaveBeenCalledTimes(2);
});

test('an answer that announces more than the cap is refused before its body is read', async () => {
  let pulls = 0;
  const body = new ReadableStream<Uint8Array>(
    { pull: (controller) => void (pulls++, controller.enqueue(new Uint8Array(64 * 1024))) },
    { highWaterMark: 0 },
  );
  jest.spyOn(globalThis, 'fetch').mockImplementation(
    async () =>
      new Response(body, {
        status: 200,
        headers: { 'content-length': String(MAX_TOKEN_RESPONSE_BYTES * 40) },
      }),
  );
  await expect(refresh(randomUUID())).rejects.toThrow(/more than/);
  expect(pulls).toBe(0);
});
