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
import { InvalidEnvError, parseServerEnv } from '../lib/env-schema';
import { devProcesses } from './dev-processes';
import { loadProjectEnv, projectRoot } from '../lib/project-env';

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
  // The exit code stands even when the children are gone before the timer
  // fires and this process ends on its own.
  process.exitCode = exitCode;
  setTimeout(() => process.exit(exitCode), 500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

if (!env.usesLocalAuth0) {
  console.log(`AUTH0_DOMAIN is ${env.AUTH0_DOMAIN}: using your tenant, not the local Auth0.`);
}
const processes = devProcesses(env, process.env.PORT, production ? 'start' : 'dev');
if (!production) {
  for (const { name, args } of processes) start(name, process.execPath, args);
} else {
  // The build reads the same values as the servers (already in process.env);
  // nothing starts unless it succeeds.
  const build = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'build', '--webpack'], {
    cwd: projectRoot,
    env: process.env,
    stdio: 'inherit',
  });
  build.on('exit', (code) => {
    if (stopping) return;
    if (code !== 0) {
      console.error('next build failed.');
      process.exit(code ?? 1);
    }
    for (const { name, args } of processes) start(name, process.execPath, args);
  });
}
