/**
 * The consents users gave on the consent screen, as Auth0 keeps them ("user
 * grants"): per user, application and API, the scopes agreed to. A user is
 * asked again only for scopes they have not agreed to yet. Kept on disk in
 * the data directory, so a restart of `npm run dev` does not ask again.
 */
import fs from 'node:fs';
import path from 'node:path';

type Consents = Record<string, string[]>;

export function createConsentStore(dataDir: string) {
  const file = path.join(dataDir, 'consents.json');
  const read = (): Consents =>
    fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Consents) : {};
  const keyFor = (userId: string, clientId: string, audience: string | undefined) =>
    JSON.stringify([userId, clientId, audience ?? null]);

  return {
    /** The requested scopes the user has not agreed to yet (empty: no consent screen needed). */
    missing(userId: string, clientId: string, audience: string | undefined, scopes: string[]) {
      const given = new Set(read()[keyFor(userId, clientId, audience)] ?? []);
      return scopes.filter((scope) => !given.has(scope));
    },
    record(userId: string, clientId: string, audience: string | undefined, scopes: string[]) {
      const consents = read();
      const key = keyFor(userId, clientId, audience);
      consents[key] = [...new Set([...(consents[key] ?? []), ...scopes])];
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(consents), { mode: 0o600 });
    },
  };
}

export type ConsentStore = ReturnType<typeof createConsentStore>;
