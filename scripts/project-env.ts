/**
 * Loads the project's environment for the tools around the app (the dev
 * launcher, the local Auth0, Playwright): `.env.local` when it exists,
 * otherwise `.env.local.example`, whose values run the template against the
 * local Auth0 as they are. Variables already set in the shell win, as in Next.js.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

export const projectRoot = path.resolve(__dirname, '..');

export type EnvSource = '.env.local' | '.env.local.example';

export function readProjectEnvFile(): { source: EnvSource; values: Record<string, string> } {
  const local = path.join(projectRoot, '.env.local');
  const source: EnvSource = fs.existsSync(local) ? '.env.local' : '.env.local.example';
  const text = fs.readFileSync(path.join(projectRoot, source), 'utf8');
  return { source, values: parseEnv(text) as Record<string, string> };
}

/** Copies the file's values into process.env, keeping what the shell already set. */
export function loadProjectEnv(): EnvSource {
  const { source, values } = readProjectEnvFile();
  for (const [key, value] of Object.entries(values)) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
  return source;
}
