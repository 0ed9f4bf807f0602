/**
 * The shared refresh keeps an answer for later requests only if it is a
 * well-formed token response. The SDK refusing an answer drops it too
 * (__tests__/auth0-faults.test.ts), but a 200 the SDK accepts, or one met
 * outside an observed request, must not be handed on for seconds: that is
 * this module's own check, tested here against `auth0Fetch` alone.
 */
import { randomUUID } from 'node:crypto';
import { auth0Fetch } from './auth0-fetch';

const TOKEN_URL = 'https://tenant.example/oauth/token';

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
