/**
 * /userinfo with the access token Auth0 issues for an API: a JWT whose `aud`
 * lists `<issuer>userinfo` next to the API when `openid` was asked for. Auth0
 * answers /userinfo with it; oidc-provider accepts only its own opaque
 * tokens there, so the local Auth0 checks such a JWT itself (signature, issuer,
 * audience, expiry) and answers with the claims its scopes allow, plus the
 * custom claims the post-login Actions set on the ID token of the same login
 * (Auth0's "Get User Info"). Any other token goes on to oidc-provider.
 */
import type { NextFunction, Request, Response } from 'express';
import { importJWK, jwtVerify } from 'jose';

export const CLAIMS_BY_SCOPE: Record<string, string[]> = {
  openid: ['sub'],
  profile: ['name', 'nickname', 'picture', 'updated_at'],
  email: ['email', 'email_verified'],
};

/**
 * The claims the Actions set on the ID token, by the `jti` of the access
 * token issued with it, until that token expires. In memory, as the local
 * Auth0's sessions: after a restart, /userinfo answers without them.
 */
export type IdTokenClaimsByAccessToken = ReturnType<typeof idTokenClaimsByAccessToken>;

export function idTokenClaimsByAccessToken() {
  const claims = new Map<string, { exp: number; claims: Record<string, unknown> }>();
  return {
    remember(jti: string, exp: number, idTokenClaims: Record<string, unknown>) {
      const now = Date.now() / 1000;
      for (const [key, entry] of claims) if (entry.exp < now) claims.delete(key);
      claims.set(jti, { exp, claims: idTokenClaims });
    },
    of(jti: unknown): Record<string, unknown> {
      return (typeof jti === 'string' && claims.get(jti)?.claims) || {};
    },
  };
}

export function userinfoForJwtAccessTokens(options: {
  issuer: string;
  signingKey: { kty?: string; n?: string; e?: string; alg?: string };
  claimsOf: (sub: string) => Record<string, unknown> | undefined;
  idTokenClaims: IdTokenClaimsByAccessToken;
}) {
  // The public half of the signing key: n and e, without the private parts.
  const { kty, n, e, alg } = options.signingKey;
  const publicKey = importJWK({ kty, n, e }, alg ?? 'RS256');

  return async (req: Request, res: Response, next: NextFunction) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!token || token.split('.').length !== 3) {
      next();
      return;
    }
    try {
      const { payload } = await jwtVerify(token, await publicKey, {
        issuer: options.issuer,
        audience: `${options.issuer}userinfo`,
        algorithms: ['RS256'],
      });
      const claims = typeof payload.sub === 'string' ? options.claimsOf(payload.sub) : undefined;
      if (!claims) throw new Error('the user no longer exists');
      const allowed = String(payload.scope ?? '')
        .split(' ')
        .flatMap((scope) => CLAIMS_BY_SCOPE[scope] ?? []);
      res.json({
        ...Object.fromEntries(allowed.filter((c) => c in claims).map((c) => [c, claims[c]])),
        ...options.idTokenClaims.of(payload.jti),
      });
    } catch (error) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer error="invalid_token"')
        .json({ error: 'invalid_token', error_description: (error as Error).message });
    }
  };
}
