/**
 * Where the local Auth0 keeps sessions, grants and tokens: in memory, on purpose.
 *
 * The local Auth0 is for development and tests. Nothing to install or clean up;
 * each test run starts its own process with a clean slate; a restart forgets
 * sessions and refresh tokens, so the app asks you to log in again, as it would
 * after Auth0 revoked them. (The signing key stays on disk, so access tokens
 * already issued still verify.) oidc-provider's own in-memory store is meant
 * for quick starts only: it warns at start-up and evicts entries beyond about a
 * thousand. This one is a decision, not a placeholder.
 *
 * It also holds Auth0's reuse interval for rotating refresh tokens (`leeway`,
 * "Rotation Overlap Period" in the Dashboard): oidc-provider revokes the whole
 * family when a refresh token it finds consumed is used again, so for a short
 * while after its first exchange the previous token is shown as not consumed yet.
 */
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

type StoredRecord = { payload: AdapterPayload; expiresAt: number };

/** The models oidc-provider revokes together when a grant ends. */
const GRANT_BOUND = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

const SWEEP_EVERY_MS = 60_000;
const epochSeconds = () => Math.floor(Date.now() / 1000);

export function createMemoryAdapter(options: { reuseIntervalSeconds: number }): AdapterFactory {
  const records = new Map<string, StoredRecord>();
  const keysByGrant = new Map<string, Set<string>>();
  const sessionIdByUid = new Map<string, string>();
  const idByUserCode = new Map<string, string>();
  /** Per grant: the refresh token exchanged last, and when it was first exchanged. */
  const lastExchanged = new Map<string, { jti: string; at: number }>();
  let nextSweep = Date.now() + SWEEP_EVERY_MS;

  function remove(key: string) {
    const record = records.get(key);
    if (!record) return;
    records.delete(key);
    const { uid, userCode, grantId } = record.payload;
    const id = key.slice(key.indexOf(':') + 1);
    if (uid && sessionIdByUid.get(uid) === id) sessionIdByUid.delete(uid);
    if (userCode && idByUserCode.get(userCode) === id) idByUserCode.delete(userCode);
    if (grantId) keysByGrant.get(grantId)?.delete(key);
  }

  function live(key: string): StoredRecord | undefined {
    const record = records.get(key);
    if (record && record.expiresAt <= Date.now()) {
      remove(key);
      return undefined;
    }
    return record;
  }

  function sweep() {
    const now = Date.now();
    if (now < nextSweep) return;
    nextSweep = now + SWEEP_EVERY_MS;
    for (const [key, record] of records) if (record.expiresAt <= now) remove(key);
    for (const [grantId, keys] of keysByGrant) if (keys.size === 0) keysByGrant.delete(grantId);
  }

  /** A rotated refresh token may be exchanged again: it was the last one, and recently. */
  function withinReuseInterval(jti: string, payload: AdapterPayload): boolean {
    const last = payload.grantId ? lastExchanged.get(payload.grantId) : undefined;
    return (
      Boolean(payload.consumed) &&
      last?.jti === jti &&
      Date.now() - last.at < options.reuseIntervalSeconds * 1000
    );
  }

  return (model: string): Adapter => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyFor(id);
        remove(key);
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Infinity;
        records.set(key, { payload, expiresAt });
        if (model === 'Session' && payload.uid) sessionIdByUid.set(payload.uid, id);
        if (payload.userCode) idByUserCode.set(payload.userCode, id);
        if (GRANT_BOUND.has(model) && payload.grantId) {
          const keys = keysByGrant.get(payload.grantId) ?? new Set<string>();
          keysByGrant.set(payload.grantId, keys.add(key));
        }
        sweep();
      },

      async find(id) {
        const payload = live(keyFor(id))?.payload;
        if (payload && model === 'RefreshToken' && withinReuseInterval(id, payload)) {
          return { ...payload, consumed: undefined };
        }
        return payload;
      },

      async findByUid(uid) {
        const id = sessionIdByUid.get(uid);
        return id ? live(keyFor(id))?.payload : undefined;
      },

      async findByUserCode(userCode) {
        const id = idByUserCode.get(userCode);
        return id ? live(keyFor(id))?.payload : undefined;
      },

      async consume(id) {
        const payload = live(keyFor(id))?.payload;
        if (!payload) return;
        // The first exchange counts: the reuse interval runs from it.
        payload.consumed ??= epochSeconds();
        if (model === 'RefreshToken' && payload.grantId) {
          if (lastExchanged.get(payload.grantId)?.jti !== id) {
            lastExchanged.set(payload.grantId, { jti: id, at: Date.now() });
          }
        }
      },

      async destroy(id) {
        remove(keyFor(id));
      },

      async revokeByGrantId(grantId) {
        const prefix = `${model}:`;
        for (const key of keysByGrant.get(grantId) ?? []) {
          if (key.startsWith(prefix)) remove(key);
        }
        if (model === 'RefreshToken') lastExchanged.delete(grantId);
      },
    };
  };
}
