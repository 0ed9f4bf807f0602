/**
 * The custom claims that the post-login Action (auth0/actions/add-custom-claims.js)
 * adds to the ID token and the access token.
 *
 * Auth0 drops custom claims that could collide with standard ones, so every
 * claim lives under a namespace: a URL you control. It does not have to
 * resolve; it only has to be unique to you. Change it here, in the Action and
 * in the products API (services/products-api/caller.ts) together:
 * __tests__/add-custom-claims-action.test.ts checks that they agree.
 */
export const CLAIMS_NAMESPACE = 'https://my-app.example.com';

export const ROLES_CLAIM = `${CLAIMS_NAMESPACE}/roles`;
export const DEPARTMENT_CLAIM = `${CLAIMS_NAMESPACE}/department`;

type Claims = Record<string, unknown>;

export function isNamespacedClaim(name: string): boolean {
  return name.startsWith(`${CLAIMS_NAMESPACE}/`);
}

export function pickNamespacedClaims(claims: Claims): Claims {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => isNamespacedClaim(name)));
}

export function getRoles(claims: Claims | null | undefined): string[] {
  const roles = claims?.[ROLES_CLAIM];
  return Array.isArray(roles)
    ? roles.filter((role): role is string => typeof role === 'string')
    : [];
}

export function getDepartment(claims: Claims | null | undefined): string | null {
  const department = claims?.[DEPARTMENT_CLAIM];
  return typeof department === 'string' && department !== '' ? department : null;
}
