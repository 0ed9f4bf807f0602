/**
 * Post-login Action: add the user's roles and department to the tokens.
 *
 * Auth0 runs this after every login and every refresh-token exchange. It is
 * plain CommonJS with no imports so it runs unchanged in Auth0 (Actions →
 * Library → Build Custom, trigger "Login / Post Login") and in the local
 * Auth0 of this project (services/auth0-local).
 *
 * Custom claims must be namespaced with a URL you control: Auth0 silently drops
 * non-namespaced claims that clash with standard ones (`roles`, `permissions`,
 * `scope`, …). Keep NAMESPACE in step with lib/claims.ts and
 * services/products-api/caller.ts.
 */
const NAMESPACE = 'https://my-app.example.com';

/**
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  const appMetadata = event.user.app_metadata || {};

  // app_metadata is set by your back office, never by the user, so it is safe
  // to base access decisions on it. Denying ends the login with `access_denied`
  // and this message, which the app shows if DENY_REASONS in lib/login.ts lists it.
  if (appMetadata.blocked === true) {
    api.access.deny('This account has been blocked. Contact your administrator.');
    return;
  }

  // event.authorization is optional in Auth0's event type: no roles then.
  const roles = (event.authorization && event.authorization.roles) || [];
  const department = typeof appMetadata.department === 'string' ? appMetadata.department : null;

  // The ID token is for the app (shown on /profile); the access token is for
  // the API, which makes its decisions from these claims.
  api.idToken.setCustomClaim(`${NAMESPACE}/roles`, roles);
  api.accessToken.setCustomClaim(`${NAMESPACE}/roles`, roles);
  if (department) {
    api.idToken.setCustomClaim(`${NAMESPACE}/department`, department);
    api.accessToken.setCustomClaim(`${NAMESPACE}/department`, department);
  }
};
