/**
 * `npm run dev`: the Next.js dev server, the sample products API, and the local
 * Auth0 when AUTH0_DOMAIN is http://localhost:… . With a real tenant in
 * .env.local, the local Auth0 does not start.
 *
 * `npm run preview` (this script with --production): the same, with a
 * production build (`next build`, then `next start`) instead of the dev server,
 * so a production build can be tried without deploying anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { InvalidEnvError, parseServerEnv } from '../lib/env';
import { listenAddress, listenArgs } from './listen-address';
import { loadProjectEnv, projectRoot } from './project-env';

const production = process.argv.includes('--production');
const source = loadProjectEnv();
let env;
try {
  env = parseServerEnv();
} catch (error) {
  console.error(error instanceof InvalidEnvError ? error.message : error);
  process.exit(1);
}

console.log(
  source === '.env.local'
    ? 'Using .env.local.'
    : 'No .env.local: using .env.local.example (the local Auth0). Copy it to .env.local to change a value.',
);

const children: ChildProcess[] = [];

function start(name: string, command: string, args: string[]) {
  // detached: each child leads its own process group, so stopping it also
  // stops what it started (next dev runs its server in a grandchild).
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: process.env,
    stdio: 'inherit',
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      stopAll(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stopAll(exitCode: number) {
  stopping = true;
  for (const child of children) {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  setTimeout(() => process.exit(exitCode), 500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

if (env.usesLocalAuth0) {
  start('The local Auth0', process.execPath, ['--import', 'tsx', 'services/auth0-local/server.ts']);
} else {
  console.log(`AUTH0_DOMAIN is ${env.AUTH0_DOMAIN}: using your tenant, not the local Auth0.`);
}
// The sample API runs for a local PRODUCTS_API_URL; point it elsewhere to use your own.
if (/^http:\/\/localhost:\d+$/.test(env.PRODUCTS_API_URL)) {
  start('The products API', process.execPath, [
    '--import',
    'tsx',
    'services/products-api/server.ts',
  ]);
}
// Loopback only for a localhost APP_BASE_URL (see scripts/listen-address.ts).
const listen = listenArgs(listenAddress(env.APP_BASE_URL, process.env.PORT));
const nextBin = 'node_modules/next/dist/bin/next';
if (!production) {
  // Turbopack, named: next.config.ts has a webpack function for the production
  // build, and without the flag Next 16 refuses to start dev with it.
  start('Next.js', process.execPath, [nextBin, 'dev', '--turbopack', ...listen]);
} else {
  // The build reads the same values as the servers (already in process.env);
  // `next start` only begins once it has succeeded.
  const build = spawn(process.execPath, [nextBin, 'build', '--webpack'], {
    cwd: projectRoot,
    env: process.env,
    stdio: 'inherit',
  });
  build.on('exit', (code) => {
    if (stopping) return;
    if (code !== 0) {
      console.error('next build failed; stopping the rest.');
      stopAll(code ?? 1);
      return;
    }
    start('Next.js', process.execPath, [nextBin, 'start', ...listen]);
  });
}
