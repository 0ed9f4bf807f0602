/**
 * Step-up authentication: the scopes a login asks for only when the user
 * starts a sensitive action, so that the post-login Action can make that
 * login pass a second factor first (auth0/actions/require-mfa-for-writes.js).
 * https://auth0.com/docs/secure/multi-factor-authentication/step-up-authentication/configure-step-up-authentication-for-apis
 *
 * Links name a step-up (`/auth/login?step_up=add_product`), never a scope:
 * the server maps the name to its scope (lib/login.ts), so no link can
 * ask Auth0 for anything else. Used by pages and API routes alike.
 */

/** Each step-up the app offers, and the scope it adds to the configured ones. */
export const STEP_UPS = {
  add_product: 'create:products',
} as const;

export type StepUp = keyof typeof STEP_UPS;

/** GET /api/step-up: for each step-up, whether the session's access token holds it, and until when. */
export type StepUpStatus = Record<StepUp, { allowed: boolean; until?: string }>;

/** The /auth/login parameter that names a step-up. */
export const STEP_UP_PARAM = 'step_up';

/** The parameter a page gets back when the user did not complete the step-up. */
export const STEP_UP_CANCELLED_PARAM = 'step_up_cancelled';

export function isStepUp(name: unknown): name is StepUp {
  return typeof name === 'string' && Object.hasOwn(STEP_UPS, name);
}

/** Whether a space-separated scope string (a token's `scope`, AUTH0_SCOPE) holds `scope`. */
export function hasScope(granted: string | undefined, scope: string): boolean {
  return (granted ?? '').split(/\s+/).includes(scope);
}

/** The login that asks for `stepUp`, coming back to `returnTo` (a path). */
export function stepUpLoginUrl(stepUp: StepUp, returnTo: string): string {
  const query = new URLSearchParams({ [STEP_UP_PARAM]: stepUp, returnTo });
  return `/auth/login?${query}`;
}
