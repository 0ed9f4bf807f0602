/**
 * Loads the project's env files into process.env with Next.js's own loader,
 * @next/env: the files `next dev` reads, in its order, parsed the same way,
 * so the client secret registered here is byte for byte the one the app
 * sends. Variables already set (in the shell, or by `npm run dev`) win.
 *
 * When no `.env.local` was loaded, `.env.local.example` takes its place, with
 * the lowest priority: its values run the template as they are
 * (docs/decisions/007-the-example-env-file-is-the-default.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadEnvConfig, processEnv } from '@next/env';

/** Where the env files are: the project's root, two folders up. */
const projectRoot = path.resolve(__dirname, '..', '..');

export type EnvSource = '.env.local' | '.env.local.example';

const quiet = { info: () => {}, error: console.error };

export function loadProjectEnv(root = projectRoot): EnvSource {
  const { loadedEnvFiles } = loadEnvConfig(root, true, quiet);
  if (loadedEnvFiles.some((file) => file.path === '.env.local')) return '.env.local';
  const example = {
    path: '.env.local.example',
    contents: fs.readFileSync(path.join(root, '.env.local.example'), 'utf8'),
    env: {},
  };
  processEnv([...loadedEnvFiles, example], root, quiet, true);
  return '.env.local.example';
}
