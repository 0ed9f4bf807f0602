/**
 * Who is calling, read from the access token that express-oauth2-jwt-bearer
 * has already verified. Roles and department come from the namespaced claims
 * added by the post-login Action; a non-namespaced `roles` claim is ignored,
 * because anything could have put it there.
 */
import type { Request } from 'express';
import { DEPARTMENTS, type Department } from './products';

/**
 * The namespace is the Action's: a URL you control, which Auth0 requires for
 * custom claims. It is written here, in the Action and in the app
 * (lib/claims.ts); __tests__/add-custom-claims-action.test.ts checks that
 * the three agree. If you replace this API, yours reads the same claim names.
 */
export const CLAIMS_NAMESPACE = 'https://my-app.example.com';

export const ROLES_CLAIM = `${CLAIMS_NAMESPACE}/roles`;
export const DEPARTMENT_CLAIM = `${CLAIMS_NAMESPACE}/department`;

type Claims = Record<string, unknown>;

function getRoles(claims: Claims): string[] {
  const roles = claims[ROLES_CLAIM];
  return Array.isArray(roles)
    ? roles.filter((role): role is string => typeof role === 'string')
    : [];
}

function getDepartment(claims: Claims): string | null {
  const department = claims[DEPARTMENT_CLAIM];
  return typeof department === 'string' && department !== '' ? department : null;
}

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
