/**
 * The signing key and cookie secret of the local Auth0, kept on disk (git-ignored)
 * so that tokens and sessions survive a restart of `npm run dev`. The signing
 * key comes with a self-signed certificate (certificate.ts), kept with it, as
 * Auth0 publishes one for each of its signing keys.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'oidc-provider';
import { selfSignedCertificate, thumbprint } from './certificate';

type Secrets = { signingKey: JWK; cookieKeys: string[] };

/** The certificate's subject: Auth0 names the tenant's domain, this the local one. */
const COMMON_NAME = 'localhost';

function withCertificate(signingKey: JWK): JWK {
  const privateKey = crypto.createPrivateKey({
    key: signingKey as crypto.webcrypto.JsonWebKey,
    format: 'jwk',
  });
  const certificate = selfSignedCertificate(privateKey, COMMON_NAME);
  return { ...signingKey, x5c: [certificate.toString('base64')] };
}

function createSecrets(): Secrets {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return {
    signingKey: withCertificate({
      ...jwk,
      kid: crypto.randomBytes(8).toString('hex'),
      alg: 'RS256',
      use: 'sig',
    }),
    cookieKeys: [crypto.randomBytes(32).toString('hex')],
  };
}

function save(file: string, secrets: Secrets) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
}

export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    const secrets = JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
    // A key kept before certificates were: the same key, now with one.
    if (!secrets.signingKey.x5c?.length) {
      secrets.signingKey = withCertificate(secrets.signingKey);
      save(file, secrets);
    }
    return secrets;
  }
  const secrets = createSecrets();
  save(file, secrets);
  return secrets;
}

/** /.well-known/jwks.json as Auth0 serves it: the public key, its certificate and thumbprint. */
export function publicJwks(signingKey: JWK) {
  const { kty, use, n, e, kid, x5c = [], alg } = signingKey;
  const [certificate = ''] = x5c;
  return {
    keys: [{ kty, use, n, e, kid, x5t: thumbprint(Buffer.from(certificate, 'base64')), x5c, alg }],
  };
}
