/**
 * What many specs need: logging in through the real login page, the same way
 * on the local Auth0 and on Auth0's Universal Login (same field names).
 */
import fs from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { e2eTarget } from './target';
import { sessionFile, type TestUser } from './users';

const target = e2eTarget();
const { password } = target;
const appOrigin = new URL(target.appBaseUrl).origin;

/**
 * Auth0 asks for consent when an app runs on localhost (it cannot verify the
 * app is first-party), once per user. Accept it so the same specs run against
 * a tenant; the local Auth0 never asks.
 */
async function acceptConsentIfAsked(page: Page) {
  if (target.localAuth0) return;
  await page.waitForURL((url) => url.origin === appOrigin || url.pathname.startsWith('/u/consent'));
  if (new URL(page.url()).pathname.startsWith('/u/consent')) {
    await page.locator('button[name="action"][value="accept"]').click();
  }
}

/** Fills the login page the browser is on and submits it. */
export async function submitLoginForm(page: Page, email: string, secret = password) {
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(secret);
  await page.locator('button[name="action"][value="default"]').click();
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
      await submitLoginForm(page, user.email);
      await acceptConsentIfAsked(page);
      await expect(page.getByRole('button', { name: new RegExp(user.name) })).toBeVisible();
    });
  },
});

export { expect };
