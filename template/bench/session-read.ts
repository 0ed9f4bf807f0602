/**
 * `npx tsx template/bench/session-read.ts`: what one session read costs in
 * @auth0/nextjs-auth0 4.30, and what it would cost with the cookie key derived
 * once. A minimal reproduction, meant to be runnable in any project that has
 * the SDK installed: no app, no server, no network.
 *
 * The SDK derives the cookie's encryption key with HKDF on every encrypt and
 * decrypt (`encrypt`/`decrypt` in dist/server/cookies.js), and a Pages Router
 * API route that uses the SDK as documented reads the session twice per
 * request: once in withApiAuthRequired, once in getAccessToken. The key depends only on
 * AUTH0_SECRET, so it could be derived once per secret. This script compares:
 *   getSession(req)              the SDK's public API, as an API route calls it
 *   jwtDecrypt, key bytes cached the same decryption (same JWE, same checks)
 *                                with the key derived once, up front
 *   jwtDecrypt, CryptoKey cached and also imported as a WebCrypto key once
 * for a session of the size a login gives this app (a 1,037-character access
 * token with custom claims, a 1,013-character ID token, a refresh token: a
 * 3.1 kB cookie). Each line gives the time per read and, where Node has
 * `process.threadCpuUsage()` (23.9 and later), the main thread's CPU time per
 * read: what a server pays in its JavaScript thread, which is what limits its
 * throughput. The rest of the wall time is crypto on Node's thread pool.
 */
import { hkdfSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Auth0Client } from '@auth0/nextjs-auth0/server';
import { generateSessionCookie } from '@auth0/nextjs-auth0/testing';
import { jwtDecrypt } from 'jose';

const ROUNDS = 5000;
const secret = 'reproduction-secret-0123456789abcdef0123456789abcdef';

// Node 23.9 and later; typed here so that the script also runs (without that column) on 22.
const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
const mainThreadMicros = () => {
  const usage = threadCpuUsage?.call(process);
  return usage && usage.user + usage.system;
};

async function timed(label: string, read: () => Promise<unknown>) {
  for (let i = 0; i < 500; i++) await read(); // warm-up
  const cpuStart = mainThreadMicros();
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) await read();
  const micros = ((performance.now() - start) * 1000) / ROUNDS;
  const cpuEnd = mainThreadMicros();
  const cpuMicros =
    cpuStart === undefined || cpuEnd === undefined ? undefined : (cpuEnd - cpuStart) / ROUNDS;
  const cpu = cpuMicros === undefined ? '' : `, main thread ${cpuMicros.toFixed(0).padStart(4)} µs`;
  console.log(`${label.padEnd(30)} ${micros.toFixed(0).padStart(5)} µs per read${cpu}`);
  return { micros, cpuMicros };
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
      tokenSet: {
        // Sizes of this app's tokens; the content does not change the work.
        accessToken: 'a'.repeat(1037),
        idToken: 'i'.repeat(1013),
        refreshToken: 'r'.repeat(43),
        expiresAt: now + 3600,
      },
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
  const cpuSaved =
    sdk.cpuMicros !== undefined && cached.cpuMicros !== undefined
      ? ` (${(sdk.cpuMicros - cached.cpuMicros).toFixed(0)} µs of the main thread)`
      : '';
  console.log(
    `\nA key derived and imported once would save ${(sdk.micros - cached.micros).toFixed(0)} µs per read${cpuSaved}.`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
