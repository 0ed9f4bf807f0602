/**
 * `npm run dev`: the Next.js dev server, the sample products API, and the local
 * Auth0 when AUTH0_DOMAIN is http://localhost:… . With a real tenant in
 * .env.local, the local Auth0 does not start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { InvalidEnvError, parseServerEnv } from '../lib/env';
import { devProcesses } from './dev-processes';
import { loadProjectEnv, projectRoot } from './project-env';

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

if (!env.usesLocalAuth0) {
  console.log(`AUTH0_DOMAIN is ${env.AUTH0_DOMAIN}: using your tenant, not the local Auth0.`);
}
for (const { name, args } of devProcesses(env, process.env.PORT)) {
  start(name, process.execPath, args);
}
