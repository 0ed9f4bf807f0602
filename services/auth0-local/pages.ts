/**
 * The HTML pages of the local Auth0: a login page in the spirit of Auth0's
 * Universal Login, the logout hand-off and the error page. Plain HTML and
 * inline CSS: the local Auth0 works offline and loads nothing from a CDN.
 */
import type { LocalUser } from './tenant';

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const styles = `
  *{box-sizing:border-box}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
    font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
    background:#f1f5f9;color:#1e293b;padding:24px 12px}
  main{width:100%;max-width:400px;background:#fff;border-radius:8px;
    box-shadow:0 12px 40px rgba(15,23,42,.12);padding:40px 40px 32px}
  .logo{width:52px;height:52px;border-radius:12px;margin:0 auto 20px;display:grid;place-items:center;
    background:#635dff;color:#fff;font-weight:700;font-size:22px}
  h1{font-size:24px;font-weight:500;text-align:center;margin:0 0 8px}
  p.lead{text-align:center;color:#475569;font-size:14px;margin:0 0 24px}
  label{display:block;font-size:14px;margin:0 0 6px;color:#334155}
  input{width:100%;font:inherit;font-size:16px;padding:12px 14px;border:1px solid #c9cace;
    border-radius:4px;margin:0 0 16px;background:#fff;color:inherit}
  input:focus{outline:2px solid #635dff;outline-offset:0;border-color:#635dff}
  button.primary{width:100%;font:inherit;font-size:16px;padding:13px;border:0;border-radius:4px;
    background:#635dff;color:#fff;cursor:pointer;margin-top:8px}
  button.primary:hover{background:#4f48e8}
  button.secondary{width:100%;font:inherit;font-size:16px;padding:12px;border:1px solid #c9cace;border-radius:4px;
    background:#fff;color:inherit;cursor:pointer;margin-top:12px}
  .ulp-input-error-message{display:block;color:#9b1c1c;font-size:14px;margin:-8px 0 16px}
  ul.scopes{margin:0 0 16px;padding-left:20px;font-size:14px;color:#334155}
  button:focus-visible{outline:3px solid #1e1b4b;outline-offset:2px}
  .error{background:#fdecec;color:#9b1c1c;border:1px solid #f6c6c6;border-radius:4px;
    padding:10px 12px;font-size:14px;margin:0 0 16px}
  .demo{margin-top:28px;border-top:1px solid #e2e8f0;padding-top:20px;font-size:14px}
  .demo h2{font-size:14px;font-weight:600;margin:0 0 4px}
  .demo p{margin:0 0 10px;color:#475569}
  .demo ul{list-style:none;margin:0;padding:0;display:grid;gap:6px}
  .demo button{width:100%;text-align:left;font:inherit;font-size:14px;padding:8px 10px;border:1px solid #e2e8f0;
    border-radius:4px;background:#f8fafc;color:inherit;cursor:pointer;display:flex;justify-content:space-between;gap:8px}
  .demo button:hover{border-color:#635dff}
  .demo small{color:#475569}
  code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;background:#f1f5f9;padding:1px 4px;border-radius:3px}
  p.switch{margin:16px 0 0}
  p.switch a{color:#635dff}
  .qr{display:flex;justify-content:center;margin:0 0 16px}
  .qr svg{width:200px;height:200px;max-width:100%}
  p.secret{text-align:center;font-size:14px;color:#475569;margin:0 0 20px}
  p.secret code{display:inline-block;margin-top:6px;word-break:break-all}
  .badge{display:inline-block;font-size:12px;color:#475569;text-align:center;width:100%;margin-top:16px}
`;

function layout(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${styles}</style>
</head>
<body>
<main>${body}</main>
${script ? `<script>${script}</script>` : ''}
</body>
</html>`;
}

function describe(user: LocalUser): string {
  const role = user.roles.length ? user.roles.join(', ') : 'no role';
  const department =
    typeof user.app_metadata.department === 'string' ? ` · ${user.app_metadata.department}` : '';
  const blocked = user.app_metadata.blocked === true ? ' · blocked' : '';
  return `${role}${department}${blocked}`;
}

export function loginPage(options: {
  appName: string;
  email?: string;
  error?: string;
  users: LocalUser[];
  password: string;
  /** The signup screen of the same login, as Universal Login links to it. */
  signupUrl?: string;
}): string {
  const { appName, email = '', error, users, password, signupUrl } = options;
  const demoUsers = users
    .map(
      (user) =>
        `<li><button type="button" data-email="${escapeHtml(user.email)}">` +
        `<span>${escapeHtml(user.email)}</span><small>${escapeHtml(describe(user))}</small></button></li>`,
    )
    .join('');
  const body = `
<div class="logo" aria-hidden="true">A0</div>
<h1>Welcome</h1>
<p class="lead">Log in to the local Auth0 to continue to ${escapeHtml(appName)}.</p>
<form method="post" novalidate>
  <label for="username">Email address</label>
  <input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(email)}" ${error ? '' : 'autofocus'}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required ${error ? 'autofocus aria-invalid="true" aria-describedby="error-element-password"' : ''}>
  ${
    // Where Auth0's Universal Login puts a wrong-password message: the same id and class.
    error
      ? `<span id="error-element-password" class="ulp-input-error-message" role="alert">${escapeHtml(error)}</span>`
      : ''
  }
  <button class="primary" type="submit" name="action" value="default">Continue</button>
</form>
${signupUrl ? `<p class="lead switch">Don't have an account? <a href="${escapeHtml(signupUrl)}">Sign up</a></p>` : ''}
<section class="demo" aria-labelledby="demo-users">
  <h2 id="demo-users">Demo users</h2>
  <p>Every demo user's password is <code>${escapeHtml(password)}</code>. Pick one to fill in the form.</p>
  <ul>${demoUsers}</ul>
</section>
<span class="badge">Local Auth0 for development · not for production</span>`;
  const script = `
document.querySelectorAll('[data-email]').forEach(function (button) {
  button.addEventListener('click', function () {
    document.getElementById('username').value = button.dataset.email;
    document.getElementById('password').value = ${JSON.stringify(password)};
    document.querySelector('button.primary').focus();
  });
});`;
  return layout(`Log in | ${appName}`, body, script);
}

/**
 * Universal Login's signup screen (`screen_hint=signup`): the fields
 * `email` and `password`, and the button `action=default`, as on Auth0.
 */
export function signupPage(options: {
  appName: string;
  email?: string;
  error?: { field: 'email' | 'password'; message: string };
  loginUrl: string;
}): string {
  const { appName, email = '', error, loginUrl } = options;
  const invalid = (field: 'email' | 'password') =>
    error?.field === field
      ? `autofocus aria-invalid="true" aria-describedby="error-element-${field}"`
      : '';
  const message = (field: 'email' | 'password') =>
    error?.field === field
      ? `<span id="error-element-${field}" class="ulp-input-error-message" role="alert">${escapeHtml(error.message)}</span>`
      : '';
  const body = `
<div class="logo" aria-hidden="true">A0</div>
<h1>Create Your Account</h1>
<p class="lead">Sign up to the local Auth0 to continue to ${escapeHtml(appName)}.</p>
<form method="post" novalidate>
  <label for="email">Email address</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(email)}" ${error ? invalid('email') : 'autofocus'}>
  ${message('email')}
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" ${invalid('password')}>
  ${message('password')}
  <button class="primary" type="submit" name="action" value="default">Continue</button>
</form>
<p class="lead switch">Already have an account? <a href="${escapeHtml(loginUrl)}">Log in</a></p>
<span class="badge">Local Auth0 for development · not for production</span>`;
  return layout(`Sign up | ${appName}`, body);
}

/**
 * The one-time-password form of Universal Login's MFA screens: the field
 * `code`, the button `action=default`, and `action=cancel` to give up, which
 * returns to the app with access_denied.
 */
function codeForm(error: string | undefined): string {
  return `
<form method="post" novalidate>
  <label for="code">Enter your one-time code</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="6" required autofocus ${error ? 'aria-invalid="true" aria-describedby="error-element-code"' : ''}>
  ${
    error
      ? `<span id="error-element-code" class="ulp-input-error-message" role="alert">${escapeHtml(error)}</span>`
      : ''
  }
  <button class="primary" type="submit" name="action" value="default">Continue</button>
  <button class="secondary" type="submit" name="action" value="cancel">Cancel</button>
</form>`;
}

/** Universal Login's mfa-otp-challenge screen: the user has an authenticator app already. */
export function mfaChallengePage(options: { appName: string; email: string; error?: string }) {
  const body = `
<div class="logo" aria-hidden="true">A0</div>
<h1>Verify Your Identity</h1>
<p class="lead">Check your preferred one-time password application for a code to continue to ${escapeHtml(options.appName)} as ${escapeHtml(options.email)}.</p>
${codeForm(options.error)}
<span class="badge">Local Auth0 for development · not for production</span>`;
  return layout(`Verify your identity | ${options.appName}`, body);
}

/**
 * Universal Login's mfa-otp-enrollment-qr screen: the QR code of a new
 * secret, and the secret itself for an app that cannot scan.
 */
export function mfaEnrolmentPage(options: {
  appName: string;
  email: string;
  qrCodeSvg: string;
  secret: string;
  error?: string;
}) {
  const body = `
<div class="logo" aria-hidden="true">A0</div>
<h1>Secure Your Account</h1>
<p class="lead">Scan the QR code below using your preferred authenticator app, then enter the one-time code it shows, to continue to ${escapeHtml(options.appName)} as ${escapeHtml(options.email)}.</p>
<div class="qr" role="img" aria-label="QR code for your authenticator app">${options.qrCodeSvg}</div>
<p class="secret">Trouble scanning? Enter this key in the app instead:<br><code id="secret">${escapeHtml(options.secret)}</code></p>
${codeForm(options.error)}
<span class="badge">Local Auth0 for development · not for production</span>`;
  return layout(`Secure your account | ${options.appName}`, body);
}

/** A yes/no screen whose buttons post `action=accept` or `action=deny`, as on Auth0. */
function decisionPage(options: {
  title: string;
  heading: string;
  lead: string;
  details?: string;
  accept: string;
  deny: string;
}): string {
  const body = `
<div class="logo" aria-hidden="true">A0</div>
<h1>${escapeHtml(options.heading)}</h1>
<p class="lead">${options.lead}</p>
${options.details ?? ''}
<form method="post">
  <button class="primary" type="submit" name="action" value="accept">${escapeHtml(options.accept)}</button>
  <button class="secondary" type="submit" name="action" value="deny">${escapeHtml(options.deny)}</button>
</form>
<span class="badge">Local Auth0 for development · not for production</span>`;
  return layout(options.title, body);
}

/**
 * Auth0's consent screen. Auth0 shows it to first-party apps too when it
 * cannot verify their callback URL (localhost), once per user and scopes.
 */
export function consentPage(options: { appName: string; email: string; scopes: string[] }) {
  const scopes = options.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`);
  return decisionPage({
    title: `Authorize ${options.appName}`,
    heading: 'Authorize App',
    lead: `Hi ${escapeHtml(options.email)}, ${escapeHtml(options.appName)} is requesting access to your account:`,
    details: `<ul class="scopes" aria-label="Requested access">${scopes.join('')}</ul>`,
    accept: 'Accept',
    deny: 'Decline',
  });
}

/**
 * Auth0's login confirmation: a login that would complete through single
 * sign-on, without any screen, to a callback URL Auth0 cannot verify.
 */
export function loginConfirmationPage(options: {
  appName: string;
  email: string;
  callback: string;
}) {
  return decisionPage({
    title: `Continue to ${options.appName}?`,
    heading: 'Confirm login',
    lead: `You are logged in as ${escapeHtml(options.email)}. Continue to ${escapeHtml(options.appName)} at <code>${escapeHtml(new URL(options.callback).origin)}</code>?`,
    accept: 'Continue',
    deny: 'Cancel',
  });
}

/** Auth0's logout prompt: a logout request that does not name the current session. */
export function logoutConfirmationPage(form: string): string {
  const confirmForm = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes">' +
      '<button class="primary" type="submit" name="action" value="accept">Yes, log me out</button></form>',
  );
  const body = `
<div class="logo" aria-hidden="true">A0</div>
<h1>Log out?</h1>
<p class="lead">An application asked to end your session at the local Auth0.</p>
${confirmForm}
<form method="get" action="/u/logout/aborted">
  <button class="secondary" type="submit" name="action" value="deny">No, stay logged in</button>
</form>`;
  return layout('Log out?', body);
}

export function logoutAbortedPage(): string {
  return layout(
    'Still logged in',
    '<h1>You are still logged in</h1><p class="lead">You can close this window.</p>',
  );
}

/** RP-initiated logout that names the current session (logout_hint): no prompt, the form submits itself. */
export function logoutPage(form: string): string {
  const autoForm = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes"></form>',
  );
  const body = `<h1>Logging out…</h1>
${autoForm}
<noscript><button class="primary" type="submit" form="op.logoutForm">Continue</button></noscript>`;
  return layout('Logging out', body, "document.getElementById('op.logoutForm').submit();");
}

export function loggedOutPage(): string {
  return layout(
    'Logged out',
    '<h1>You are logged out</h1><p class="lead">You can close this window.</p>',
  );
}

export function errorPage(title: string, message: string, hint?: string): string {
  const body = `<h1>${escapeHtml(title)}</h1>
<div class="error" role="alert">${escapeHtml(message)}</div>
${hint ? `<p class="lead">${escapeHtml(hint)}</p>` : ''}`;
  return layout(title, body);
}

export function avatarSvg(name: string): string {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  let hue = 0;
  for (const char of name) hue = (hue * 31 + char.charCodeAt(0)) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
<rect width="128" height="128" fill="hsl(${hue} 55% 42%)"/>
<text x="64" y="64" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="52" fill="#fff">${escapeHtml(initials)}</text>
</svg>`;
}
