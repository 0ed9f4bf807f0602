/**
 * What a deploy of auth0/tenant.yaml would overwrite in a tenant that already
 * has things of its own, worked out before anything is written.
 *
 * Left to itself, the Deploy CLI (8.44) replaces the Login flow's whole list of
 * Actions with the file's, gives a same-named role exactly the file's
 * permissions, deleting the others, and replaces the tenant-wide MFA policy
 * with the file's. AUTH0_ALLOW_DELETE covers none of them.
 */
import type { BindingRef, GuardianFactor, RolePermission, TenantBinding } from './management-api';

export type FileRole = { name: string; permissions: RolePermission[] };

/**
 * The Login flow after the deploy: every Action already bound stays, in its
 * place; each of ours is added at the end, in the file's order (the claims,
 * then the second factor for writes), unless it is bound already (then it
 * keeps the place someone chose for it).
 *
 * Last, because that changes nothing for what was there: MFA, risk checks or
 * other Actions that may deny a login still run first and in the same order.
 * Ours need no earlier place: one adds claims to the tokens, the other only
 * asks for a second factor or leaves the write scope out.
 */
export function mergedPostLoginBindings(
  current: TenantBinding[],
  ours: { action_name: string; display_name?: string }[],
): BindingRef[] {
  const kept: BindingRef[] = current.map((binding) =>
    ours.some((o) => o.action_name === binding.action.name)
      ? {
          ref: { type: 'action_name', value: binding.action.name },
          display_name: binding.display_name,
        }
      : {
          ref: { type: 'action_id', value: binding.action.id },
          display_name: binding.display_name,
        },
  );
  const added: BindingRef[] = ours
    .filter((o) => !current.some((binding) => binding.action.name === o.action_name))
    .map((o) => ({
      ref: { type: 'action_name', value: o.action_name },
      display_name: o.display_name ?? o.action_name,
    }));
  return [...kept, ...added];
}

/** Whether the merged list adds anything to the tenant's (then there is nothing to write). */
export function bindingsChange(current: TenantBinding[], merged: BindingRef[]): boolean {
  return merged.length !== current.length;
}

const key = (p: RolePermission) => `${p.permission_name} (${p.resource_server_identifier})`;

/**
 * For each role of the file that already exists in the tenant, the permissions
 * the deploy would take away from it: those the tenant's role has and the file's
 * does not. An `admin` role is common, and may serve other applications.
 */
export function permissionsLost(
  fileRoles: FileRole[],
  tenantPermissions: Map<string, RolePermission[]>,
): { role: string; permissions: string[] }[] {
  return fileRoles.flatMap((role) => {
    const existing = tenantPermissions.get(role.name);
    if (!existing) return [];
    const wanted = new Set(role.permissions.map(key));
    const lost = existing.map(key).filter((permission) => !wanted.has(permission));
    return lost.length > 0 ? [{ role: role.name, permissions: lost }] : [];
  });
}

/** How the deploy leaves each factor the file lists, and how the tenant has it now. */
export function factorChanges(
  fileFactors: { name: string; enabled?: boolean }[],
  tenantFactors: GuardianFactor[],
): { name: string; enabled: boolean; was: boolean }[] {
  return fileFactors.map((factor) => ({
    name: factor.name,
    enabled: factor.enabled === true,
    was: tenantFactors.find((t) => t.name === factor.name)?.enabled === true,
  }));
}

/**
 * The tenant-wide MFA policies the deploy would turn off: those the tenant has
 * and the file does not. A tenant that asks for a second factor at every login
 * (`all-applications`) would then ask only where an Action does.
 */
export function policiesLost(filePolicies: string[] | undefined, tenantPolicies: string[]) {
  return filePolicies ? tenantPolicies.filter((policy) => !filePolicies.includes(policy)) : [];
}

/** A policy list as the Dashboard says it: [] is "Never". */
export const describePolicies = (policies: string[]) =>
  policies.length > 0 ? policies.join(', ') : 'Never';
