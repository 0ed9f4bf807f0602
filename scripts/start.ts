/**
 * `npm start`: serves the production build with `next start`, on the address
 * scripts/listen-address.ts derives from APP_BASE_URL (loopback only for a
 * localhost app).
 */
import { spawn } from 'node:child_process';
import { loadEnvConfig } from '@next/env';
import { InvalidEnvError, parseServerEnv } from '../lib/env-schema';
import { listenAddress, listenArgs } from './listen-address';
import { projectRoot } from '../lib/project-env';

// The same files `next start` reads (.env.production.local, .env.local, .env.production, .env);
// `next start` then checks the whole configuration itself (next.config.ts).
loadEnvConfig(projectRoot, false, { info: () => {}, error: console.error });
let appBaseUrl: string;
try {
  appBaseUrl = parseServerEnv().APP_BASE_URL;
} catch (error) {
  console.error(error instanceof InvalidEnvError ? error.message : error);
  process.exit(1);
}

const next = spawn(
  process.execPath,
  [
    'node_modules/next/dist/bin/next',
    'start',
    ...listenArgs(listenAddress(appBaseUrl, process.env.PORT)),
  ],
  { cwd: projectRoot, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => next.kill(signal));
next.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
