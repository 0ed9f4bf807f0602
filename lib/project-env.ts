/**
 * Loads the project's environment for the processes around the Next.js app
 * (`npm run dev` and `preview`, the local Auth0, the products API, the deploy
 * and setup scripts) with Next.js's own loader, @next/env: the same files in
 * the same order as `next dev`, and variables already set in the shell win.
 *
 * When no `.env.local` was loaded, `.env.local.example` takes its place, with
 * the lowest priority: its values run the template against the local Auth0 as
 * they are (docs/decisions/007-the-example-env-file-is-the-default.md).
 * `npm start` and `next build` do not fall back to it: they follow Next.js's
 * rules, like any host.
 */
import './server-only';
import fs from 'node:fs';
import path from 'node:path';
import { loadEnvConfig, processEnv } from '@next/env';

export const projectRoot = path.resolve(__dirname, '..');

export type EnvSource = '.env.local' | '.env.local.example';

const quiet = { info: () => {}, error: console.error };

/** Loads the env files into process.env and says which one configured the project. */
export function loadProjectEnv(): EnvSource {
  const { loadedEnvFiles } = loadEnvConfig(projectRoot, true, quiet);
  if (loadedEnvFiles.some((file) => file.path === '.env.local')) return '.env.local';
  const example = {
    path: '.env.local.example',
    contents: fs.readFileSync(path.join(projectRoot, '.env.local.example'), 'utf8'),
    env: {},
  };
  processEnv([...loadedEnvFiles, example], projectRoot, quiet, true);
  return '.env.local.example';
}
