/**
 * `npx tsx template/bench/session-read.ts`: what one session read costs in
 * @auth0/nextjs-auth0 4.30, and what it would cost with the cookie key derived
 * once. A minimal reproduction, meant to be runnable in any project that has
 * the SDK installed: no app, no server, no network.
 *
 * The SDK derives the cookie's encryption key with HKDF on every encrypt and
 * decrypt (`encrypt`/`decrypt` in dist/server/cookies.js), and a Pages Router
 * API route that uses the SDK as documented reads the session twice per
 * request: once in withApiAuthRequired, once in getAccessToken (this app
 * avoids the second read: lib/session-read-once.ts). The key depends only on
 * AUTH0_SECRET, so it could be derived once per secret. This script compares:
 *   getSession(req)              the SDK's public API, as an API route calls it
 *   jwtDecrypt, key bytes cached the same decryption (same JWE, same checks)
 *                                with the key derived once, up front
 *   jwtDecrypt, CryptoKey cached and also imported as a WebCrypto key once
 */
import { hkdfSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Auth0Client } from '@auth0/nextjs-auth0/server';
import { generateSessionCookie } from '@auth0/nextjs-auth0/testing';
import { jwtDecrypt } from 'jose';

const ROUNDS = 5000;
const secret = 'reproduction-secret-0123456789abcdef0123456789abcdef';

async function timed(label: string, read: () => Promise<unknown>) {
  for (let i = 0; i < 500; i++) await read(); // warm-up
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) await read();
  const micros = ((performance.now() - start) * 1000) / ROUNDS;
  console.log(`${label.padEnd(30)} ${micros.toFixed(0).padStart(5)} µs per read`);
  return micros;
}

async function main() {
  const auth0 = new Auth0Client({
    domain: 'example.us.auth0.com',
    clientId: 'client-id',
    clientSecret: 'client-secret',
    secret,
    appBaseUrl: 'http://localhost:3000',
  });
  const now = Math.floor(Date.now() / 1000);
  const cookie = await generateSessionCookie(
    {
      user: { sub: 'auth0|user' },
      tokenSet: { accessToken: 'access-token', expiresAt: now + 3600 },
      internal: { sid: 'sid', createdAt: now },
    },
    { secret },
  );
  const req = { headers: { cookie: `__session=${cookie}` } } as IncomingMessage;
  if (!(await auth0.getSession(req))) throw new Error('the SDK did not read the session');

  // The SDK's derivation: HKDF-SHA256, no salt, info "JWE CEK", 32 bytes.
  const key = new Uint8Array(hkdfSync('sha256', secret, '', 'JWE CEK', 32));
  const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);

  console.log(`\nOne session cookie read, ${ROUNDS} reads in a row, Node ${process.version}\n`);
  const sdk = await timed('getSession(req)', () => auth0.getSession(req));
  await timed('jwtDecrypt, key bytes cached', () =>
    jwtDecrypt(cookie, key, { clockTolerance: 15 }),
  );
  const cached = await timed('jwtDecrypt, CryptoKey cached', () =>
    jwtDecrypt(cookie, cryptoKey, { clockTolerance: 15 }),
  );
  console.log(
    `\nA key derived and imported once would save ${(sdk - cached).toFixed(0)} µs per read.`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
