/**
 * Makes sure Playwright has a Chromium to drive before the e2e tests run:
 * PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, else the system's /usr/bin/chromium,
 * else Playwright's own build, which is downloaded once if it is missing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from '../test-helpers/browser';

if (systemChromium()) process.exit(0);

if (!fs.existsSync(chromium.executablePath())) {
  console.log('No Chromium found: installing Playwright’s (npx playwright install chromium).');
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
}
