/**
 * The custom claims the post-login Action (auth0/actions/add-custom-claims.js)
 * adds to the access token, as this API reads them.
 *
 * The namespace is the Action's: a URL you control, which Auth0 requires for
 * custom claims. It is written here, in the Action and in the app
 * (lib/claims.ts); __tests__/add-custom-claims-action.test.ts checks that
 * the three agree. If you replace this API, yours reads the same claim names.
 */
export const CLAIMS_NAMESPACE = 'https://my-app.example.com';

export const ROLES_CLAIM = `${CLAIMS_NAMESPACE}/roles`;
export const DEPARTMENT_CLAIM = `${CLAIMS_NAMESPACE}/department`;

type Claims = Record<string, unknown>;

export function getRoles(claims: Claims): string[] {
  const roles = claims[ROLES_CLAIM];
  return Array.isArray(roles)
    ? roles.filter((role): role is string => typeof role === 'string')
    : [];
}

export function getDepartment(claims: Claims): string | null {
  const department = claims[DEPARTMENT_CLAIM];
  return typeof department === 'string' && department !== '' ? department : null;
}
