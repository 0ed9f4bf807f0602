/**
 * Only for `npm run test:e2e:tenant` (scripts/tenant-rehearsal.ts), where the
 * local Auth0 stands in for a tenant at https://STAND_IN_TENANT_HOST/ with a
 * certificate made for that run. Chromium then resolves that one name to
 * loopback (a real tenant's name is in DNS) and accepts that one server key
 * (a real tenant's certificate is publicly trusted), and nothing else: every
 * other certificate error still stops the page. Against a real tenant neither
 * variable is set and Chromium runs as usual.
 */
export function standInTenantChromiumArgs(
  env: Record<string, string | undefined> = process.env,
): string[] {
  const host = env.STAND_IN_TENANT_HOST;
  const spki = env.STAND_IN_TENANT_SPKI;
  if (!host || !spki) return [];
  return [
    `--host-resolver-rules=MAP ${host} 127.0.0.1`,
    `--ignore-certificate-errors-spki-list=${spki}`,
  ];
}
