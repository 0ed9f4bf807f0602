/**
 * The errors of /oauth/token and /oauth/revoke as Auth0 words them (Auth0
 * Authentication API, "Get Token"), where oidc-provider answers with the
 * OAuth standard's: apps and SDKs match on Auth0's codes and statuses, and
 * the app tells a refused client secret (401) from a refused code (403).
 * - client authentication failed: 401 `access_denied` "Unauthorized";
 * - a grant type the client does not have: 403 `unauthorized_client`
 *   "Grant type '<grant>' not allowed for the client.";
 * - an unknown, expired or reused code: 403 `invalid_grant`
 *   "Invalid authorization code"; a PKCE code verifier that does not match:
 *   403 `invalid_grant` "Failed to verify code verifier".
 * - a refresh an Action sends to MFA: 403 `mfa_required` "Multifactor
 *   authentication required", with an `mfa_token` (opaque: the local Auth0 has
 *   no MFA API to spend it on).
 * The reason oidc-provider gave goes to the local Auth0's output.
 */
import { randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';

export const UNAUTHORIZED = { error: 'access_denied', error_description: 'Unauthorized' };

type OAuthError = Error & { error?: string; error_detail?: string };

export function answerOAuthErrorsAsAuth0(provider: Provider, clientGrantTypes: string[]) {
  const errorsByRequest = new WeakMap<object, OAuthError>();
  const remember = (ctx: KoaContextWithOIDC, error: OAuthError) => errorsByRequest.set(ctx, error);
  provider.on('grant.error', remember);
  provider.on('revocation.error', remember);

  provider.use(async (ctx, next) => {
    await next();
    const oidc = (ctx as Partial<KoaContextWithOIDC>).oidc;
    if (oidc?.route !== 'token' && oidc?.route !== 'revocation') return;
    const body = ctx.body as { error?: string } | undefined;
    if (!body?.error) return;
    const cause = errorsByRequest.get(ctx);

    if (body.error === 'invalid_client') {
      console.error(
        `[auth0-local] ${ctx.path}: ${cause?.error_detail ?? 'client authentication failed'}`,
      );
      ctx.remove('WWW-Authenticate');
      ctx.status = 401;
      ctx.body = { ...UNAUTHORIZED };
      return;
    }
    if (oidc.route !== 'token') return;
    if (body.error === 'mfa_required') {
      ctx.status = 403;
      ctx.body = { ...body, mfa_token: randomBytes(32).toString('base64url') };
      return;
    }
    const grantType = String(oidc.params?.grant_type ?? '');
    if (
      (body.error === 'unsupported_grant_type' || body.error === 'unauthorized_client') &&
      grantType &&
      !clientGrantTypes.includes(grantType)
    ) {
      ctx.status = 403;
      ctx.body = {
        error: 'unauthorized_client',
        error_description: `Grant type '${grantType}' not allowed for the client.`,
      };
      return;
    }
    if (grantType === 'authorization_code' && body.error === 'invalid_grant') {
      const reason = String(
        cause?.error_detail ?? (cause?.cause as Error | undefined)?.message ?? '',
      );
      console.log(`[auth0-local] authorization code refused (${reason || 'invalid'})`);
      ctx.status = 403;
      ctx.body = {
        error: 'invalid_grant',
        error_description: /code_verifier|PKCE/i.test(reason)
          ? 'Failed to verify code verifier'
          : 'Invalid authorization code',
      };
    }
  });
}
