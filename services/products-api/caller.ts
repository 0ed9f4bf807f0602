/**
 * Who is calling, read from the access token that express-oauth2-jwt-bearer
 * has already verified. Roles and department come from the namespaced claims
 * added by the post-login Action; a non-namespaced `roles` claim is ignored,
 * because anything could have put it there.
 */
import type { Request } from 'express';
import { getDepartment, getRoles } from './claims';
import { DEPARTMENTS, type Department } from './products';

export type Caller = {
  roles: string[];
  department: Department | null;
  /** RBAC: the API permissions of the user's roles (token_dialect access_token_authz). */
  permissions: string[];
};

export function callerOf(req: Request): Caller {
  const payload = req.auth?.payload ?? {};
  const department = getDepartment(payload);
  return {
    roles: getRoles(payload),
    department: DEPARTMENTS.find((known) => known === department) ?? null,
    permissions: Array.isArray(payload.permissions)
      ? payload.permissions.filter((p): p is string => typeof p === 'string')
      : [],
  };
}

/** Admins see every department; everyone else sees their own, if they have one. */
export function visibleDepartments(caller: Caller): Department[] | 'all' {
  if (caller.roles.includes('admin')) return 'all';
  return caller.department ? [caller.department] : [];
}
