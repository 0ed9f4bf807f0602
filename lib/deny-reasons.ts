/**
 * The messages the post-login Action (auth0/actions/add-custom-claims.js)
 * denies a login with, each under an id. /auth-error shows one of these, never
 * the text a callback carries: anyone can call /auth/callback with their own
 * login's state and an `error_description` of their choosing.
 *
 * When you add or change an `api.access.deny(…)` in the Action, add or change
 * its message here too: __tests__/action-deny-reasons.test.ts fails until both agree.
 */
export const DENY_REASONS = {
  blocked: 'This account has been blocked. Contact your administrator.',
} as const satisfies Record<string, string>;

export type DenyReason = keyof typeof DENY_REASONS;

export function isDenyReason(value: unknown): value is DenyReason {
  return typeof value === 'string' && Object.hasOwn(DENY_REASONS, value);
}

/** The id of the Action's message that `description` is, or null for any other text. */
export function denyReasonOf(description: unknown): DenyReason | null {
  for (const [id, message] of Object.entries(DENY_REASONS)) {
    if (message === description) return id as DenyReason;
  }
  return null;
}
