/**
 * A copy of auth0/tenant.yaml with a few settings changed, for tests that need
 * short lifetimes or another refresh-token mode. Edited as YAML, not as text,
 * so the tests keep working when you change the file's other values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

export type TenantChanges = {
  /** The products API's access-token lifetime, in seconds. */
  accessTokenLifetime?: number;
  /** Merged into the Next.js client's `refresh_token` settings. */
  refreshToken?: Record<string, string | number | boolean>;
  /** Merged into the Next.js client's settings (e.g. skip_non_verifiable_callback_uri_confirmation_prompt). */
  client?: Record<string, string | number | boolean>;
  /** Another post-login Action file (absolute path) instead of all of the template's. */
  postLoginAction?: string;
};

const TENANT_FILE = path.resolve(__dirname, '..', '..', 'auth0', 'tenant.yaml');

/** Writes the changed copy into `dir` and returns its path. */
export function writeTenantCopy(dir: string, changes: TenantChanges): string {
  const doc = parseDocument(fs.readFileSync(TENANT_FILE, 'utf8'));
  if (changes.accessTokenLifetime !== undefined) {
    doc.setIn(['resourceServers', 0, 'token_lifetime'], changes.accessTokenLifetime);
  }
  const clients = doc.toJS().clients as { app_type?: string }[];
  const app = clients.findIndex((client) => client.app_type === 'regular_web');
  for (const [key, value] of Object.entries(changes.refreshToken ?? {})) {
    doc.setIn(['clients', app, 'refresh_token', key], value);
  }
  for (const [key, value] of Object.entries(changes.client ?? {})) {
    doc.setIn(['clients', app, key], value);
  }
  // Action files are relative to the tenant file: point at the originals.
  const actions = doc.toJS().actions as { name: string; code: string }[];
  actions.forEach((action, index) => {
    doc.setIn(['actions', index, 'code'], path.resolve(path.dirname(TENANT_FILE), action.code));
  });
  if (changes.postLoginAction) {
    // The test's Action is the only one: the first entry runs it, the others go.
    doc.setIn(['actions', 0, 'code'], changes.postLoginAction);
    for (let index = actions.length - 1; index > 0; index--) doc.deleteIn(['actions', index]);
    doc.setIn(
      ['triggers', 'post-login'],
      [{ action_name: actions[0]?.name, display_name: actions[0]?.name }],
    );
  }
  const file = path.join(dir, 'tenant.yaml');
  fs.writeFileSync(file, doc.toString());
  return file;
}

/** The products API's access-token lifetime as shipped in auth0/tenant.yaml. */
export function shippedAccessTokenLifetime(): number {
  const doc = parseDocument(fs.readFileSync(TENANT_FILE, 'utf8'));
  return Number(doc.getIn(['resourceServers', 0, 'token_lifetime']));
}
