/**
 * The values of the Deploy CLI keywords in tenant.yaml, for one APP_BASE_URL.
 * `npm run auth0:deploy` sends them to the Deploy CLI, and the local Auth0 reads
 * the file with the same values, so both see the same URLs.
 *
 * `##KEY##` is replaced by a string, `'@@KEY@@'` by a whole list.
 */
// Its own check rather than lib/env-schema.ts's: the local Auth0 imports this
// file, and stands on its own without the app.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackUrl(value: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** Where the end-to-end tests serve the app (e2e/target.ts). */
export const E2E_APP_BASE_URL = 'http://localhost:3100';

export function tenantKeywords(appBaseUrl: string) {
  // A deploy replaces the application's URL lists. For a local APP_BASE_URL
  // they also carry the end-to-end tests' port, so running the tests against
  // the tenant works without a second deploy; a deployed app's lists hold its
  // own URL only (Auth0 advises against localhost in production).
  const origins = isLoopbackUrl(appBaseUrl)
    ? [...new Set([appBaseUrl, E2E_APP_BASE_URL])]
    : [appBaseUrl];
  return {
    APP_BASE_URL: appBaseUrl,
    CALLBACK_URLS: origins.map((origin) => `${origin}/auth/callback`),
    LOGOUT_URLS: origins,
  };
}

type ActionWithSecrets = { name?: unknown; secrets?: { name?: unknown; value?: unknown }[] };

/**
 * The ##KEYWORD##s that the Actions' secrets use (Auth0: "Handle Secrets"),
 * with their values from the environment. The Deploy CLI replaces only the
 * keywords it is given, and would otherwise store "##KEY##" as the secret.
 */
export function actionSecretKeywords(
  actions: ActionWithSecrets[] | undefined,
  env: Record<string, string | undefined>,
) {
  const mappings: Record<string, string> = {};
  const missing: string[] = [];
  for (const action of actions ?? []) {
    for (const secret of action.secrets ?? []) {
      if (typeof secret.value !== 'string') continue;
      for (const [, key] of secret.value.matchAll(/##([A-Z0-9_]+)##/g)) {
        const value = env[key!];
        if (value === undefined || value === '') {
          missing.push(`${key} (secret ${String(secret.name)} of Action "${String(action.name)}")`);
        } else mappings[key!] = value;
      }
    }
  }
  return { mappings, missing };
}
