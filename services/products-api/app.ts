/**
 * The sample products API: the "external API" of the forum question
 * (docs/tutorial/01-run-it-locally.md, "The question behind it"), and the
 * part you replace with your own. Every request must carry an Auth0 access
 * token, verified by Auth0's own middleware (signature against the issuer's
 * keys, issuer, audience, expiry); then scopes, RBAC permissions and the
 * namespaced claims decide what the caller may see and do.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { auth, requiredScopes, UnauthorizedError } from 'express-oauth2-jwt-bearer';
import { fieldErrorsOf, newProductSchema, type ProductList } from './products';
import { callerOf, visibleDepartments } from './caller';
import { createProductsStore } from './products-store';

export type ProductsApiOptions = {
  /** The issuer exactly as in the token's `iss` (Auth0: https://<domain>/). */
  issuer: string;
  /** The API identifier: the token's `aud` must contain it. */
  audience: string;
  /** Where the issuer's public keys are; defaults to Auth0's <issuer>.well-known/jwks.json. */
  jwksUri?: string;
};

/** RBAC: the user's roles must grant this permission (the `permissions` claim). */
function requirePermission(permission: string): RequestHandler {
  return (req, res, next) => {
    if (callerOf(req).permissions.includes(permission)) return next();
    res.status(403).json({
      error: 'insufficient_permission',
      message: `You need the ${permission} permission: ask an administrator for a role that grants it.`,
    });
  };
}

function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => {
    res
      .status(405)
      .set('Allow', allowed.join(', '))
      .json({
        error: 'method_not_allowed',
        message: `${req.method} is not supported here. Use ${allowed.join(' or ')}.`,
      });
  };
}

export function createProductsApi(options: ProductsApiOptions) {
  const store = createProductsStore();
  const app = express();
  app.disable('x-powered-by');

  app.use(
    auth({
      issuer: options.issuer,
      audience: options.audience,
      jwksUri: options.jwksUri ?? new URL('.well-known/jwks.json', options.issuer).toString(),
      tokenSigningAlg: 'RS256',
    }),
  );
  app.use(express.json({ limit: '10kb' }));

  app
    .route('/products')
    .get(requiredScopes('read:products'), (req, res) => {
      const caller = callerOf(req);
      const departments = visibleDepartments(caller);
      const body: ProductList = {
        products: store.list(departments),
        visibleDepartments: departments,
      };
      if (departments !== 'all' && departments.length === 0) {
        body.notice =
          'Your account has no department, so there are no products to show. An administrator can set one in your app_metadata.';
      }
      res.json(body);
    })
    .post(requiredScopes('create:products'), requirePermission('create:products'), (req, res) => {
      const parsed = newProductSchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({
          error: 'invalid_request',
          message: 'The product is not valid.',
          fieldErrors: fieldErrorsOf(parsed.error),
        });
        return;
      }
      res.status(201).json(store.add(parsed.data));
    })
    .all(methodNotAllowed(['GET', 'POST']));

  app
    .route('/products/:id')
    .get(requiredScopes('read:products'), (req, res) => {
      // Another department's product answers 404 like a missing one: no existence leak.
      const product = store.find(String(req.params.id), visibleDepartments(callerOf(req)));
      if (!product) {
        res.status(404).json({ error: 'not_found', message: 'No such product.' });
        return;
      }
      res.json(product);
    })
    .all(methodNotAllowed(['GET']));

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'No such endpoint.' });
  });

  const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
    if (error instanceof UnauthorizedError) {
      // 401 for a missing or bad token, 403 for a valid token without the scope.
      const { code } = error as UnauthorizedError & { code?: string };
      res
        .status(error.status)
        .set(error.headers)
        .json({
          error: code ?? 'unauthorized',
          message:
            code === 'insufficient_scope'
              ? `You need the ${error.headers['WWW-Authenticate'].match(/scope="([^"]+)"/)?.[1] ?? ''} permission: ask an administrator for a role that grants it.`
              : error.message || 'A valid bearer access token is required.',
        });
      return;
    }
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: 'invalid_request', message: 'The body is not valid JSON.' });
      return;
    }
    if ((error as { type?: string }).type === 'entity.too.large') {
      res.status(413).json({ error: 'payload_too_large', message: 'The body is too large.' });
      return;
    }
    console.error('[products-api]', error);
    res.status(500).json({ error: 'server_error', message: 'Something went wrong on our side.' });
  };
  app.use(errorHandler);

  return app;
}
