/**
 * The signing key and cookie secret of the local Auth0, kept on disk (git-ignored)
 * so that tokens and sessions survive a restart of `npm run dev`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'oidc-provider';

type Secrets = { signingKey: JWK; cookieKeys: string[] };

function createSecrets(): Secrets {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return {
    signingKey: { ...jwk, kid: crypto.randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' },
    cookieKeys: [crypto.randomBytes(32).toString('hex')],
  };
}

export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
  }
  const secrets = createSecrets();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
