/**
 * Loads the project's env files into process.env, the files `next dev` reads
 * in its order, so the API sees the values the app sees; variables already
 * set (in the shell, or by `npm run dev`) win. When there is no `.env.local`,
 * `.env.local.example` comes last: its values run the template as they are
 * (docs/decisions/007-the-example-env-file-is-the-default.md).
 *
 * Node's own parser, so this API needs nothing from Next.js. Unlike Next.js it
 * does not expand `$NAME` in values; none of this API's variables need it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/** Where the env files are: the project's root, two folders up. */
const projectRoot = path.resolve(__dirname, '..', '..');

export type EnvSource = '.env.local' | '.env.local.example';

export function loadProjectEnv(root = projectRoot): EnvSource {
  // Next.js reads no `.env.local` under NODE_ENV=test; neither does this.
  const mode = process.env.NODE_ENV === 'test' ? 'test' : 'development';
  const files = [
    `.env.${mode}.local`,
    ...(mode === 'test' ? [] : ['.env.local']),
    `.env.${mode}`,
    '.env',
  ];
  const found = files.filter((file) => fs.existsSync(path.join(root, file)));
  const source: EnvSource = found.includes('.env.local') ? '.env.local' : '.env.local.example';
  if (source === '.env.local.example') found.push('.env.local.example');
  // Highest priority first: a value is set only where nothing set it before.
  for (const file of found) {
    const values = parseEnv(fs.readFileSync(path.join(root, file), 'utf8'));
    for (const [name, value] of Object.entries(values)) process.env[name] ??= value;
  }
  return source;
}
