/**
 * Auth0 authenticates an application at /oauth/token and /oauth/revoke only
 * the way its `token_endpoint_auth_method` says: with `client_secret_post`,
 * the secret goes in the form body, and an HTTP Basic header is refused.
 * oidc-provider treats the two secret methods as one, which would hide an app
 * that sends its secret the wrong way until it meets a real tenant.
 *
 * The refusal is Auth0's, 401 `access_denied` "Unauthorized" (oauth-errors.ts);
 * what was wrong goes to the local Auth0's output, as a tenant's logs say it.
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import { UNAUTHORIZED } from './oauth-errors';

const CLIENT_AUTHENTICATED_PATHS = new Set(['/oauth/token', '/oauth/revoke']);

export function requireConfiguredClientAuthentication(
  method: 'client_secret_post' | 'client_secret_basic',
) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    if (ctx.method === 'POST' && CLIENT_AUTHENTICATED_PATHS.has(ctx.path)) {
      const usedBasic = /^basic\s/i.test(ctx.get('authorization'));
      if (usedBasic !== (method === 'client_secret_basic')) {
        console.error(
          `[auth0-local] ${ctx.path}: the client authenticates with ${method} (token_endpoint_auth_method in auth0/tenant.yaml); this request used ${usedBasic ? 'client_secret_basic' : 'another method'}.`,
        );
        ctx.status = 401;
        ctx.body = { ...UNAUTHORIZED };
        return;
      }
    }
    await next();
  };
}
