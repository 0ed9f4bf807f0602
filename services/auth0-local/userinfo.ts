/**
 * /userinfo with the access token Auth0 issues for an API: a JWT whose `aud`
 * lists `<issuer>userinfo` next to the API when `openid` was asked for. Auth0
 * answers /userinfo with it; oidc-provider accepts only its own opaque
 * tokens there, so the local Auth0 checks such a JWT itself (signature, issuer,
 * audience, expiry) and answers with the claims its scopes allow. Any other
 * token goes on to oidc-provider.
 */
import type { NextFunction, Request, Response } from 'express';
import { importJWK, jwtVerify } from 'jose';

export const CLAIMS_BY_SCOPE: Record<string, string[]> = {
  openid: ['sub'],
  profile: ['name', 'nickname', 'picture', 'updated_at'],
  email: ['email', 'email_verified'],
};

export function userinfoForJwtAccessTokens(options: {
  issuer: string;
  signingKey: { kty?: string; n?: string; e?: string; alg?: string };
  claimsOf: (sub: string) => Record<string, unknown> | undefined;
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
      res.json(Object.fromEntries(allowed.filter((c) => c in claims).map((c) => [c, claims[c]])));
    } catch (error) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer error="invalid_token"')
        .json({ error: 'invalid_token', error_description: (error as Error).message });
    }
  };
}
