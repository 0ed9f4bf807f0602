/**
 * Post-login Action: a second factor before the app may write.
 *
 * Step-up authentication as Auth0 documents it ("Configure Step-up
 * Authentication for APIs"): the app asks for `create:products` only when the
 * user starts adding a product, and this Action makes that login pass a
 * one-time password first. The API accepts a write only with that scope, so
 * the second factor is proven by the token, not by a check in the UI.
 *
 * Runs after "Add custom claims", at every login and refresh. Plain CommonJS
 * with no imports, like that one, so it runs unchanged in Auth0 and in the
 * local Auth0 (services/auth0-local).
 */

/** The scope that needs a second factor. */
const WRITE_SCOPE = 'create:products';

/**
 * The roles whose permissions include WRITE_SCOPE (auth0/tenant.yaml). Auth0
 * grants the scope only to them anyway (RBAC); others are never asked for a factor.
 */
const ROLES_THAT_WRITE = ['admin'];

/**
 * How long a second factor counts: 10 minutes, long enough to fill in the
 * form, short enough that a session left open does not keep the power to write.
 */
const SECOND_FACTOR_WINDOW_SECONDS = 10 * 60;

/**
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  const requestedScopes = (event.transaction && event.transaction.requested_scopes) || [];
  if (!requestedScopes.includes(WRITE_SCOPE)) return;

  const roles = (event.authorization && event.authorization.roles) || [];
  if (!roles.some((role) => ROLES_THAT_WRITE.includes(role))) return;

  if (secondFactorIsRecent(event)) return;

  // A refresh token keeps the scopes of its login: past the window, the new
  // access token is issued without the write scope (there is no screen to
  // ask on). The app then offers to confirm again.
  if (event.transaction.protocol === 'oauth2-refresh-token') {
    api.accessToken.removeScope(WRITE_SCOPE);
    return;
  }
  // Every time, not once per browser: this is the confirmation of one write session.
  api.multifactor.enable('any', { allowRememberBrowser: false });
};

/** Whether this session passed a second factor within the window. */
function secondFactorIsRecent(event) {
  const methods = (event.authentication && event.authentication.methods) || [];
  const windowStart = Date.now() - SECOND_FACTOR_WINDOW_SECONDS * 1000;
  return methods.some(
    (method) => method.name === 'mfa' && new Date(method.timestamp).getTime() >= windowStart,
  );
}
