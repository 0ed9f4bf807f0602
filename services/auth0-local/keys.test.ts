import crypto, { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateSecrets, publicJwks } from './keys';

const dirs: string[] = [];
const dataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-local-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

test('the signing key is created with its certificate, and both are kept', () => {
  const dir = dataDir();
  const created = loadOrCreateSecrets(dir);
  expect(created.signingKey.x5c).toHaveLength(1);
  expect(loadOrCreateSecrets(dir)).toEqual(created);
});

test('a key kept without a certificate gets one, and keeps its kid', () => {
  const dir = dataDir();
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'old',
    alg: 'RS256',
    use: 'sig',
  };
  fs.writeFileSync(
    path.join(dir, 'secrets.json'),
    JSON.stringify({ signingKey, cookieKeys: ['k'] }),
  );

  const upgraded = loadOrCreateSecrets(dir);
  expect(upgraded.signingKey).toMatchObject({ kid: 'old', n: signingKey.n });
  const certificate = new X509Certificate(Buffer.from(upgraded.signingKey.x5c![0]!, 'base64'));
  expect(certificate.publicKey.equals(crypto.createPublicKey(privateKey))).toBe(true);
  expect(loadOrCreateSecrets(dir)).toEqual(upgraded);
});

test('the JWKS has the public parts only, in the order Auth0 lists them', () => {
  const { signingKey } = loadOrCreateSecrets(dataDir());
  const [key] = publicJwks(signingKey).keys;
  expect(Object.keys(key!)).toEqual(['kty', 'use', 'n', 'e', 'kid', 'x5t', 'x5c', 'alg']);
  expect(JSON.stringify(key)).not.toContain(String(signingKey.d));
});
