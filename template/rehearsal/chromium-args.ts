/**
 * Only for the rehearsals (run.ts), where the local Auth0
 * stands in for a tenant at https://STAND_IN_TENANT_HOST/ with a certificate
 * made for that run and, in the deployed-shape rehearsal, a reverse proxy
 * serves the app's names (STAND_IN_PROXY_HOSTS) at STAND_IN_PROXY_ADDRESS
 * with a certificate of its own. Chromium then resolves those names to
 * loopback (real ones are in DNS) and accepts those server keys (real
 * certificates are publicly trusted), and nothing else: every other
 * certificate error still stops the page. Against a real tenant no variable
 * is set and Chromium runs as usual.
 */
export function standInTenantChromiumArgs(
  env: Record<string, string | undefined> = process.env,
): string[] {
  const host = env.STAND_IN_TENANT_HOST;
  const spki = env.STAND_IN_TENANT_SPKI;
  if (!host || !spki) return [];
  const rules = [`MAP ${host} 127.0.0.1`];
  const keys = [spki];
  const proxyHosts = (env.STAND_IN_PROXY_HOSTS ?? '').split(/\s+/).filter(Boolean);
  if (proxyHosts.length > 0 && env.STAND_IN_PROXY_ADDRESS && env.STAND_IN_PROXY_SPKI) {
    // Port 443 on its own loopback address: the app's URL carries no port.
    rules.push(...proxyHosts.map((name) => `MAP ${name} ${env.STAND_IN_PROXY_ADDRESS}`));
    keys.push(env.STAND_IN_PROXY_SPKI);
  }
  return [
    `--host-resolver-rules=${rules.join(', ')}`,
    `--ignore-certificate-errors-spki-list=${keys.join(',')}`,
  ];
}
