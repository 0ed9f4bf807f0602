/**
 * `npm run screenshots`: refreshes the pictures in docs/images with the same
 * servers as the e2e tests (a production build and the local Auth0): the
 * project's playwright.config.ts, with this folder's docs-screenshots.shots.ts
 * as the only spec after e2e/'s logins (its `setup` project).
 *
 * Playwright resolves a configuration's relative paths against the file's
 * folder: the test folders, the servers' working directory and the output
 * are made absolute at the project root.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import e2eConfig from '../../playwright.config';
import { projectRoot } from '../../lib/project-env';

export default defineConfig({
  ...e2eConfig,
  testDir: path.join(projectRoot, 'e2e'),
  outputDir: path.join(projectRoot, 'test-results'),
  projects: (e2eConfig.projects ?? []).map((project) =>
    project.name === 'setup'
      ? project
      : { ...project, testDir: __dirname, testMatch: /\.shots\.ts$/ },
  ),
  webServer: [e2eConfig.webServer ?? []].flat().map((server) => ({ ...server, cwd: projectRoot })),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
});
