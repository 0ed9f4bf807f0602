/**
 * Auth0's refresh-token rules, from the client's `refresh_token` settings in
 * auth0/tenant.yaml.
 *
 * - rotating: every exchange returns a new refresh token; using an exchanged one
 *   again revokes them all, except within the reuse interval (`leeway`, see
 *   adapter.ts). oidc-provider rotates and detects reuse itself.
 * - non-rotating: the same refresh token serves again and again, and the token
 *   response carries none (as Auth0's "Use Refresh Tokens" page shows).
 * - lifetimes: an absolute one counted from the login, across rotations, and an
 *   idle one that each use starts again. Either may be infinite, or the tokens
 *   non-expiring altogether.
 */
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { RefreshTokenSettings } from './tenant';

/** oidc-provider needs a number of seconds; a century stands for "never". */
export const NEVER = 100 * 365 * 24 * 60 * 60;

export type RefreshTokenPolicy = {
  rotating: boolean;
  /** Seconds after its first exchange during which a rotated token may be exchanged again. */
  reuseIntervalSeconds: number;
  /** Seconds from the login, across rotations; undefined when there is no such end. */
  absoluteLifetime: number | undefined;
  /** Seconds without use; undefined when idleness does not end the token. */
  idleLifetime: number | undefined;
};

/** Without a `refresh_token` block: the non-rotating, non-expiring settings of Auth0's docs. */
export function refreshTokenPolicy(settings: RefreshTokenSettings | undefined): RefreshTokenPolicy {
  const rotating = settings?.rotation_type === 'rotating';
  const expiring = settings?.expiration_type === 'expiring';
  return {
    rotating,
    reuseIntervalSeconds: rotating ? (settings?.leeway ?? 0) : 0,
    absoluteLifetime:
      expiring && !settings?.infinite_token_lifetime ? settings?.token_lifetime : undefined,
    idleLifetime:
      expiring && !settings?.infinite_idle_token_lifetime
        ? settings?.idle_token_lifetime
        : undefined,
  };
}

/** Seconds a refresh token issued or used now stays valid: the nearer of its two ends. */
export function secondsToLive(policy: RefreshTokenPolicy, loginAt: number, now: number): number {
  const untilAbsoluteEnd =
    policy.absoluteLifetime === undefined ? NEVER : loginAt + policy.absoluteLifetime - now;
  return Math.max(1, Math.min(untilAbsoluteEnd, policy.idleLifetime ?? NEVER));
}

/**
 * Runs around oidc-provider's token endpoint. After a refresh_token grant:
 * - with a non-rotating token, the use starts its idle lifetime again, and the
 *   response carries no refresh_token: the app keeps the one it has;
 * - a refused token (unknown, expired, revoked, reused) gets Auth0's answer,
 *   403 `invalid_grant` "Unknown or invalid refresh token.", as apps and SDKs match
 *   on it; the reason is logged, as Auth0 shows it in the tenant's logs.
 */
export function applyRefreshTokenPolicy(provider: Provider, policy: RefreshTokenPolicy) {
  provider.use(async (ctx, next) => {
    await next();
    const oidc = (ctx as Partial<KoaContextWithOIDC>).oidc;
    if (oidc?.route !== 'token' || oidc.params?.grant_type !== 'refresh_token') return;
    const body = ctx.body as Record<string, unknown> | undefined;
    if (!body) return;

    const used = oidc.entities.RefreshToken;
    if (ctx.status === 200 && !policy.rotating && used) {
      const now = Math.floor(Date.now() / 1000);
      used.exp = now + secondsToLive(policy, used.iiat ?? now, now);
      await used.save();
      delete body.refresh_token;
    }
    if (body.error === 'invalid_grant') {
      ctx.status = 403;
      body.error_description = 'Unknown or invalid refresh token.';
    }
  });

  provider.on('grant.error', (ctx, error) => {
    if (ctx.oidc.params?.grant_type !== 'refresh_token' || error.error !== 'invalid_grant') return;
    const reason = error.error_detail ?? error.message;
    const reuse =
      reason === 'refresh token already used' ? ': reuse, the whole family is revoked' : '';
    console.log(`[auth0-local] refresh token refused (${reason})${reuse}`);
  });
}
