/**
 * A newcomer's terminal stays quiet: the local Auth0 keeps its sessions and
 * tokens in its own store (adapter.ts), in memory on purpose, so oidc-provider
 * never prints its warning about the quick-start in-memory adapter ("you MUST
 * change it"), neither at start-up nor while it serves a login.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalAuth0, type LocalAuth0Process } from './test-server';
import { tokenRequest, tokensFor, type Client } from './browserless-login';

const PORT = 4620;

let auth0: LocalAuth0Process;
let client: Client;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-local-output-'));

beforeAll(async () => {
  auth0 = await startLocalAuth0(PORT, { dataDir });
  client = auth0.client;
}, 30_000);
afterAll(async () => {
  await auth0?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * oidc-provider's warnings, except its check of the Node.js release: that one
 * depends on the machine, not on this code (docs/decisions/008-node-version.md).
 */
function providerWarnings(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.includes('oidc-provider WARNING') && !/Unsupported runtime/.test(line));
}

test('the local Auth0 starts, logs a user in and refreshes the tokens without an oidc-provider warning', async () => {
  expect(auth0.output()).toContain('[auth0-local] listening');

  const tokens = await tokensFor(client, 'sam@example.com', 'Passw0rd!');
  expect(tokens.refresh_token).toBeTruthy();
  const refreshed = await tokenRequest(client, {
    grant_type: 'refresh_token',
    refresh_token: tokens.refresh_token ?? '',
  });
  expect(refreshed.status).toBe(200);

  expect(providerWarnings(auth0.output())).toEqual([]);
});
