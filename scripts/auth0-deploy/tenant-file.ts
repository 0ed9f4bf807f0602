/**
 * What `npm run auth0:deploy` can send of auth0/tenant.yaml. The deploy passes
 * the Deploy CLI a list of resource types (AUTH0_INCLUDED_ONLY), and the Deploy
 * CLI leaves every other section of the file out without a word; the Login
 * flow's bindings are written by the deploy script itself. So a section added
 * to the file (`connections`, say), a binding to another trigger, or one that
 * names no Action of the file would be lost, or fail after half the tenant was
 * written. `auth0:validate` and `auth0:deploy` both stop on them first.
 */
import type { AssetTypes } from 'auth0-deploy-cli/lib/types';

/** The resource types the Deploy CLI sends; the Login flow's bindings are written by the script. */
export const DEPLOY_CLI_TYPES: AssetTypes[] = [
  'clients',
  'resourceServers',
  'roles',
  'actions',
  'guardianFactors',
  'guardianPolicies',
];

const SENT_SECTIONS: string[] = [...DEPLOY_CLI_TYPES, 'triggers'];

/** What of `file` (tenant.yaml, parsed) a deploy would leave out or could not bind, each with its fix. */
export function unsentParts(file: Record<string, unknown>): string[] {
  const problems = Object.keys(file)
    .filter((section) => !SENT_SECTIONS.includes(section))
    .map(
      (section) =>
        `${section}: npm run auth0:deploy does not send this section (it sends ${SENT_SECTIONS.join(', ')}). ` +
        'Set it in the Dashboard and remove it here, or add its type to DEPLOY_CLI_TYPES in ' +
        'scripts/auth0-deploy/tenant-file.ts.',
    );
  const actions = Array.isArray(file.actions) ? (file.actions as { name?: unknown }[]) : [];
  const triggers = (file.triggers ?? {}) as Record<string, { action_name?: unknown }[] | null>;
  for (const [trigger, bindings] of Object.entries(triggers)) {
    if (trigger !== 'post-login') {
      problems.push(
        `triggers.${trigger}: npm run auth0:deploy binds post-login Actions only. ` +
          'Bind this one in the Dashboard (Actions → Triggers) and remove it here.',
      );
      continue;
    }
    for (const [index, { action_name }] of (bindings ?? []).entries()) {
      if (!actions.some((action) => action.name === action_name)) {
        problems.push(
          `triggers.post-login[${index}]: binds "${String(action_name)}", but no action of the file has that name.`,
        );
      }
    }
  }
  return problems;
}
