/**
 * `next build` computes the headers of next.config.ts once, from the
 * environment of the build, and stores them in the build
 * (`.next/routes-manifest.json`). `next start` sends those, whatever its own
 * environment says. A build made for the local Auth0 and started with a
 * production environment would send no HSTS and a CSP that allows
 * http://localhost:4400.
 *
 * So `next start` compares the stored headers with the ones its environment
 * asks for, and refuses to serve a build made for another configuration.
 */
// Relative imports: next.config.ts loads this file, before the @/ alias exists.
import './server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerEnv } from './env-schema';
import { securityHeaders } from './security-headers';

type Header = { key: string; value: string };
type RoutesManifest = { headers?: { headers: Header[] }[] };

/** The headers stored in a build, or undefined when there is no build (Next.js says so itself). */
export function headersOfBuild(distDir: string): Header[] | undefined {
  const file = path.join(distDir, 'routes-manifest.json');
  if (!fs.existsSync(file)) return undefined;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as RoutesManifest;
  return (manifest.headers ?? []).flatMap((rule) => rule.headers);
}

/** Each header whose value differs, as "name: in the build … / for this environment …". */
export function headerDifferences(built: Header[], expected: Header[]): string[] {
  const valueIn = (headers: Header[], key: string) =>
    headers.find((header) => header.key.toLowerCase() === key.toLowerCase())?.value;
  const keys = new Set([...built, ...expected].map((header) => header.key));
  return [...keys].flatMap((key) => {
    const before = valueIn(built, key);
    const now = valueIn(expected, key);
    if (before === now) return [];
    return [
      `${key}\n    in the build:         ${before ?? '(not sent)'}\n    for this environment: ${now ?? '(not sent)'}`,
    ];
  });
}

/** The message that stops `next start`, or undefined when the build fits the environment. */
export function buildMismatch(
  env: Parameters<typeof securityHeaders>[0],
  distDir: string,
): string | undefined {
  const built = headersOfBuild(distDir);
  if (!built) return undefined;
  const differences = headerDifferences(built, securityHeaders(env));
  if (differences.length === 0) return undefined;
  return [
    `This build was made for another configuration than the one it is started with (APP_BASE_URL=${env.APP_BASE_URL}, AUTH0_DOMAIN=${env.AUTH0_DOMAIN}):`,
    'its security headers were computed at build time and would be wrong.',
    ...differences.map((difference) => `  ${difference}`),
    'Run `npm run build` again with the environment you start it with.',
  ].join('\n');
}

/** Called by next.config.ts when `next start` loads it. */
export function refuseBuildForAnotherConfiguration(
  env: Pick<ServerEnv, 'AUTH0_DOMAIN' | 'usesLocalAuth0' | 'APP_BASE_URL' | 'NODE_ENV'>,
  distDir = path.resolve('.next'),
): void {
  const mismatch = buildMismatch(env, distDir);
  if (!mismatch) return;
  console.error(`\n${mismatch}\n`);
  process.exit(1);
}
