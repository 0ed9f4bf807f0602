/**
 * Breakdown route "route + cookie decrypted, key derived once": the session
 * cookie decrypted as the SDK decrypts it (same JWE, same checks), but with the
 * key derived and imported once, not on every read, and without the SDK's
 * request handling around it. What a session read would cost in this app if
 * the SDK kept its key (docs/performance.md, "What sits in the SDK").
 */
import { hkdfSync } from 'node:crypto';
import { jwtDecrypt } from 'jose';
import type { NextApiRequest, NextApiResponse } from 'next';
import { env } from '@/lib/env';

// The SDK's derivation (dist/server/cookies.js): HKDF-SHA256, no salt, info "JWE CEK", 32 bytes.
const key = crypto.subtle.importKey(
  'raw',
  new Uint8Array(hkdfSync('sha256', env.AUTH0_SECRET, '', 'JWE CEK', 32)),
  'AES-GCM',
  false,
  ['decrypt'],
);

export default async function cookieDecrypt(req: NextApiRequest, res: NextApiResponse) {
  const cookie = req.cookies.__session;
  if (!cookie) return res.status(401).json({ error: 'not_authenticated' });
  await jwtDecrypt(cookie, await key, { clockTolerance: 15 });
  res.status(200).json({ products: [] });
}
