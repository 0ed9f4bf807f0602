/**
 * `npm run screenshots`: refreshes the pictures in docs/images with the same
 * servers as the e2e tests (a production build and the local Auth0).
 */
import { defineConfig } from '@playwright/test';
import e2eConfig from './playwright.config';

export default defineConfig({
  ...e2eConfig,
  // Next to the e2e specs, whose fixtures it uses; only this config runs it.
  testMatch: /\.shots\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
});
