/**
 * `npm run auth0:deploy`: creates or updates in your tenant what auth0/tenant.yaml
 * describes (the application, the API, the roles, the Actions and their bindings
 * to the Login flow, the one-time-password factor and the tenant-wide MFA
 * policy), with the Auth0 Deploy CLI.
 *
 * Credentials come from the environment only (or .env.local), never from a file
 * in the repository: a machine-to-machine application authorized for the
 * Management API.
 *   AUTH0_DEPLOY_DOMAIN         your-tenant.us.auth0.com
 *   AUTH0_DEPLOY_CLIENT_ID      the machine-to-machine application's Client ID
 *   AUTH0_DEPLOY_CLIENT_SECRET  … and Client Secret
 *   APP_BASE_URL                the callback and logout URLs (auth0/keywords.ts)
 *
 * It is careful with a tenant that already holds other things:
 * - only the file's resource types are touched (AUTH0_INCLUDED_ONLY), and
 *   nothing is deleted (AUTH0_ALLOW_DELETE is false); a section or binding it
 *   would not send stops it (scripts/auth0-deploy/tenant-file.ts);
 * - the Login flow keeps the Actions already bound: this script binds ours
 *   itself, in the file's order, after the Deploy CLI, instead of letting the
 *   Deploy CLI replace the whole list (scripts/auth0-deploy/tenant-changes.ts);
 * - if a role of the same name (`admin`, `employee`) has permissions the file
 *   does not list, the Deploy CLI would delete them: the script stops and lists
 *   them, unless you pass `--force`;
 * - likewise if the tenant asks for MFA at every login (or by risk), which the
 *   file's policy (Never: only the step-up Action asks) would turn off.
 *
 * `npm run auth0:deploy -- --dry-run` prints all of that and what the Deploy CLI
 * would create or update, without changing anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { deploy } from 'auth0-deploy-cli';
import { parse } from 'yaml';
import { z } from 'zod';
import { ManagementApi, type RolePermission } from './auth0-deploy/management-api';
import {
  bindingsChange,
  describePolicies,
  factorChanges,
  mergedPostLoginBindings,
  permissionsLost,
  policiesLost,
  type FileRole,
} from './auth0-deploy/tenant-changes';
import { DEPLOY_CLI_TYPES, unsentParts } from './auth0-deploy/tenant-file';
import { actionSecretKeywords, tenantKeywords } from '../auth0/keywords';
import { parseEnv, projectVariables } from '../lib/env-schema';
import { loadProjectEnv, projectRoot } from '../lib/project-env';

const tenantFile = path.join(projectRoot, 'auth0', 'tenant.yaml');

type TenantFile = {
  roles?: FileRole[];
  actions?: Parameters<typeof actionSecretKeywords>[0];
  triggers?: { 'post-login'?: { action_name: string; display_name?: string }[] };
  guardianFactors?: { name: string; enabled?: boolean }[];
  guardianPolicies?: { policies?: string[] };
};

function deployCredential(name: string) {
  return z.string({
    error:
      `${name} is not set. Create a Machine to Machine application authorized for the Auth0 Management API ` +
      '(see docs/tutorial/06-connect-your-auth0-tenant.md) and set AUTH0_DEPLOY_DOMAIN, AUTH0_DEPLOY_CLIENT_ID ' +
      'and AUTH0_DEPLOY_CLIENT_SECRET in your shell or .env.local.',
  });
}

// The app's APP_BASE_URL (same rule as the app), and the deploy's own credentials.
const configSchema = projectVariables.pick({ APP_BASE_URL: true }).extend({
  AUTH0_DEPLOY_DOMAIN: deployCredential('AUTH0_DEPLOY_DOMAIN').refine(
    (domain) => !domain.startsWith('http://'),
    'AUTH0_DEPLOY_DOMAIN must be your tenant, not the local Auth0.',
  ),
  AUTH0_DEPLOY_CLIENT_ID: deployCredential('AUTH0_DEPLOY_CLIENT_ID'),
  AUTH0_DEPLOY_CLIENT_SECRET: deployCredential('AUTH0_DEPLOY_CLIENT_SECRET'),
});

async function main() {
  loadProjectEnv();
  const dryRun = process.argv.includes('--dry-run');
  const force = process.argv.includes('--force');
  const config = parseEnv(configSchema);
  const domain = config.AUTH0_DEPLOY_DOMAIN;
  const appBaseUrl = config.APP_BASE_URL;

  const file = parse(fs.readFileSync(tenantFile, 'utf8')) as TenantFile;
  const unsent = unsentParts(file);
  if (unsent.length > 0) {
    throw new Error(
      `Nothing was changed. auth0/tenant.yaml has what this deploy would not send:\n` +
        unsent.map((problem) => `  - ${problem}`).join('\n'),
    );
  }
  const ourBindings = file.triggers?.['post-login'] ?? [];
  const api = await ManagementApi.connect(
    domain,
    config.AUTH0_DEPLOY_CLIENT_ID,
    config.AUTH0_DEPLOY_CLIENT_SECRET,
  );

  // Read first: what the deploy would overwrite.
  const currentBindings = await api.postLoginBindings();
  const bindings = mergedPostLoginBindings(currentBindings, ourBindings);
  const tenantRoles = new Map<string, RolePermission[]>();
  for (const role of file.roles ?? []) {
    const permissions = await api.rolePermissions(role.name);
    if (permissions) tenantRoles.set(role.name, permissions);
  }
  const lost = permissionsLost(file.roles ?? [], tenantRoles);
  const factors = factorChanges(file.guardianFactors ?? [], await api.guardianFactors());
  const filePolicies = file.guardianPolicies?.policies;
  const tenantPolicies = await api.mfaPolicies();
  const policiesOff = policiesLost(filePolicies, tenantPolicies);

  console.log(`Login flow (post-login) after the deploy, in order:`);
  for (const [index, binding] of bindings.entries()) {
    const isNew = index >= currentBindings.length;
    console.log(`  ${index + 1}. ${binding.display_name}${isNew ? ' (added)' : ' (kept)'}`);
  }
  if (factors.length > 0 || filePolicies) {
    const was = (changed: boolean, before: string) => (changed ? ` (was ${before})` : '');
    const onOff = (enabled: boolean) => (enabled ? 'on' : 'off');
    console.log('\nMulti-factor authentication after the deploy:');
    for (const f of factors) {
      console.log(
        `  factor ${f.name}: ${onOff(f.enabled)}${was(f.enabled !== f.was, onOff(f.was))}`,
      );
    }
    if (filePolicies) {
      const before = describePolicies(tenantPolicies);
      const after = describePolicies(filePolicies);
      console.log(`  tenant-wide policy: ${after}${was(after !== before, before)}`);
    }
  }
  if (lost.length > 0) {
    console.log('\nRoles that already exist in the tenant would lose these permissions:');
    for (const { role, permissions } of lost) {
      console.log(`  - role "${role}": ${permissions.join(', ')}`);
    }
  }
  if (policiesOff.length > 0) {
    console.log(
      `\nThe tenant's MFA policy would be turned off: ${policiesOff.join(', ')}. ` +
        'After the deploy, a second factor is asked for only where an Action asks for it.',
    );
  }
  if ((lost.length > 0 || policiesOff.length > 0) && !dryRun && !force) {
    const fixes = [
      ...(lost.length > 0 ? ['add these permissions to the role in tenant.yaml'] : []),
      ...(policiesOff.length > 0 ? [`add ${policiesOff.join(', ')} to guardianPolicies`] : []),
    ];
    throw new Error(
      '\nNothing was changed. The Deploy CLI gives a role exactly the permissions, and the tenant ' +
        'exactly the MFA policy, listed in auth0/tenant.yaml. Deploy to a dedicated development tenant, ' +
        `${fixes.join(' and ')}, or run again with --force to replace them.`,
    );
  }

  const secrets = actionSecretKeywords(file.actions, process.env);
  if (secrets.missing.length > 0) {
    throw new Error(
      `\nNothing was changed. The Actions' secrets need ${secrets.missing.join(', ')}: ` +
        'set it in your shell or .env.local (see .env.local.example), then deploy again.',
    );
  }
  console.log(
    `\n${dryRun ? 'Previewing' : 'Deploying'} auth0/tenant.yaml to ${domain} (APP_BASE_URL=${appBaseUrl})…`,
  );
  await deploy({
    input_file: tenantFile,
    ...(dryRun ? { dry_run: true } : {}),
    config: {
      AUTH0_DOMAIN: domain,
      AUTH0_CLIENT_ID: config.AUTH0_DEPLOY_CLIENT_ID,
      AUTH0_CLIENT_SECRET: config.AUTH0_DEPLOY_CLIENT_SECRET,
      AUTH0_KEYWORD_REPLACE_MAPPINGS: { ...secrets.mappings, ...tenantKeywords(appBaseUrl) },
      AUTH0_INCLUDED_ONLY: DEPLOY_CLI_TYPES,
      AUTH0_ALLOW_DELETE: false,
    },
  });

  if (dryRun) return;
  if (bindingsChange(currentBindings, bindings)) {
    await api.setPostLoginBindings(bindings);
    console.log('Bound to the Login flow (post-login), after the Actions already there.');
  }
  console.log(
    '\nDone. Copy the Client ID and Client Secret of "Next.js Auth0 Starter" (Applications) into .env.local, ' +
      'or run `npm run setup`. Assign the roles to your users in User Management.',
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
