/**
 * What many specs need: logging in through the real Auth0 screens, the same
 * way on the local Auth0 and on Auth0's Universal Login (same field names).
 */
import fs from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { e2eTarget } from './target';
import type { TestUser } from '../test-helpers/demo-users';
import { sessionFile } from './session-file';

const target = e2eTarget();
const { password } = target;
/** The app of the running test: its baseURL (the e2e build, or the dev server with E2E_STACK=dev). */
const appOrigin = () => new URL(base.info().project.use.baseURL ?? target.appBaseUrl).origin;

const atTheApp = (url: URL) => url.origin === appOrigin() && !url.pathname.startsWith('/auth/');

type Screen = 'app' | 'login form' | 'accept' | 'one-time code' | 'elsewhere';

/** Where the browser is: back at the app, or on an Auth0 screen it can answer. */
async function screenOf(page: Page): Promise<Screen> {
  if (atTheApp(new URL(page.url()))) return 'app';
  try {
    if (await page.locator('input[name="password"]').isVisible()) return 'login form';
    if (await page.locator('button[name="action"][value="accept"]').isVisible()) return 'accept';
    if (await page.locator('input[name="code"]').isVisible()) return 'one-time code';
  } catch {
    // The page navigated while we looked: look again.
  }
  return 'elsewhere';
}

/** Clicks and waits for the page it leads to, so the next look is not at the old page. */
async function clickThrough(page: Page, button: ReturnType<Page['locator']>) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/**
 * Takes the browser through whichever Auth0 screens appear until it is back
 * at the app, the same way on the local Auth0 and on a tenant (same field
 * names, same `name="action"` button values):
 * - the login form, filled once with `credentials` (none when single sign-on
 *   reuses Auth0's session);
 * - the consent screen, which Auth0 shows once per user because it cannot
 *   verify an app on localhost;
 * - the login confirmation Auth0 shows before single sign-on completes to a
 *   localhost callback.
 * Returns 'login form' instead when the login form comes back after it was
 * submitted (a wrong password: the page says why), or when it is shown and no
 * credentials were given; and 'one-time code' when Auth0 asks for a second
 * factor (see enterOneTimeCode).
 */
export async function passAuth0Screens(
  page: Page,
  credentials?: { email: string; password?: string },
): Promise<'app' | 'login form' | 'one-time code'> {
  let submitted = false;
  for (let screens = 0; screens < 5; screens++) {
    const seen: { screen: Screen } = { screen: 'elsewhere' };
    await expect
      .poll(async () => (seen.screen = await screenOf(page)), {
        message: `the app or an Auth0 screen (now at ${page.url()})`,
        timeout: 15_000,
      })
      .not.toBe('elsewhere');
    if (seen.screen === 'app' || seen.screen === 'one-time code') return seen.screen;
    if (seen.screen === 'login form') {
      if (submitted || !credentials) return 'login form';
      await page.locator('input[name="username"]').fill(credentials.email);
      await page.locator('input[name="password"]').fill(credentials.password ?? password);
      await clickThrough(page, page.locator('button[name="action"][value="default"]'));
      submitted = true;
    } else {
      await clickThrough(page, page.locator('button[name="action"][value="accept"]'));
    }
  }
  throw new Error(`Still on an Auth0 screen after five: ${page.url()}`);
}

/** Submits the login page the browser is on, then passes the screens that follow (see above). */
export async function submitLoginForm(page: Page, email: string, secret = password) {
  await passAuth0Screens(page, { email, password: secret });
}

/**
 * Answers Auth0's one-time-password challenge with the user's current code
 * (computed from their secret, as an authenticator app does), or with a wrong one.
 */
export async function enterOneTimeCode(page: Page, user: TestUser, { wrong = false } = {}) {
  if (!user.totpSecret) throw new Error(`${user.email} has no mfa.totp_secret in local-users.yaml`);
  const code = await generate({ secret: user.totpSecret });
  // Any other six digits: a code of the neighbouring 30-second steps is as unlikely.
  const wrongCode = code === '000000' ? '111111' : '000000';
  await page.locator('input[name="code"]').fill(wrong ? wrongCode : code);
  await clickThrough(page, page.locator('button[name="action"][value="default"]'));
}

/**
 * From the products page: "Confirm it's you", then the screens Auth0 shows
 * (the login form if Auth0 has no session, the confirmation on localhost),
 * the right one-time code, and back at the app.
 */
export async function stepUp(page: Page, user: TestUser) {
  await page.getByRole('link', { name: 'Confirm it’s you' }).click();
  expect(await passAuth0Screens(page, { email: user.email })).toBe('one-time code');
  await enterOneTimeCode(page, user);
  expect(await passAuth0Screens(page)).toBe('app');
}

type Fixtures = {
  /** Logs in from the home page and waits until the app shows the user as signed in. */
  login: (user: TestUser) => Promise<void>;
  /** Signs in with the session auth.setup.ts saved for this user: no login page. */
  signIn: (user: TestUser) => Promise<void>;
  /** Fails any test during which the browser reported a Content-Security-Policy violation. */
  cspViolations: string[];
};

export const test = base.extend<Fixtures>({
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      // Chromium does not log every violation to the console (an eval() that the
      // page's own code tries and catches logs nothing), but the page always
      // receives a securitypolicyviolation event: report those too.
      await page.exposeBinding('reportCspViolation', (_source, violation: string) => {
        violations.push(violation);
      });
      await page.addInitScript(() => {
        type WithReport = { reportCspViolation: (violation: string) => Promise<void> };
        document.addEventListener(
          'securitypolicyviolation',
          (event) =>
            void (window as unknown as WithReport).reportCspViolation(
              `${event.effectiveDirective} refused ${event.blockedURI || 'inline code'} in ${event.sourceFile || event.documentURI}:${event.lineNumber}`,
            ),
          true,
        );
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  signIn: async ({ context }, use) => {
    await use(async (user) => {
      const state = JSON.parse(fs.readFileSync(sessionFile(user), 'utf8')) as {
        cookies: Parameters<typeof context.addCookies>[0];
      };
      await context.addCookies(state.cookies);
    });
  },
  login: async ({ page }, use) => {
    await use(async (user) => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Log in' }).first().click();
      expect(await passAuth0Screens(page, { email: user.email })).toBe('app');
      await expect(page.getByRole('button', { name: new RegExp(user.name) })).toBeVisible();
    });
  },
});

export { expect };
