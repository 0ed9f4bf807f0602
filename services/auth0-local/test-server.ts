/**
 * Starts this local Auth0 (`services/auth0-local/server.ts` of the project
 * in `cwd`, this one by default) as a child process on a loopback port, with a
 * throw-away data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from './browserless-login';

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-client-secret';
export const APP_BASE_URL = 'http://localhost:3999';
export const REDIRECT_URI = `${APP_BASE_URL}/auth/callback`;

export type LocalAuth0Process = {
  issuer: string;
  /** The test client of this server, ready for the browserless login helpers. */
  client: Client;
  stop: () => Promise<void>;
  output: () => string;
  /** Freezes the process (SIGSTOP): connections are accepted by the kernel but never answered. */
  pause: () => void;
  resume: () => void;
};

export function localAuth0Env(
  port: number,
  dataDir: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    AUTH0_DOMAIN: `http://localhost:${port}`,
    AUTH0_CLIENT_ID: CLIENT_ID,
    AUTH0_CLIENT_SECRET: CLIENT_SECRET,
    APP_BASE_URL,
    AUTH0_LOCAL_DATA_DIR: dataDir,
    NODE_ENV: 'development',
  };
  return Object.assign(env, extra);
}

/** Runs the server and resolves once it listens, or rejects with what it printed. */
export function startLocalAuth0(
  port: number,
  options: { dataDir?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<LocalAuth0Process> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-local-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'services/auth0-local/server.ts'],
    {
      cwd: options.cwd,
      env: localAuth0Env(port, dataDir, options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[auth0-local] listening')) {
        const issuer = `http://localhost:${port}/`;
        const appBaseUrl = options.env?.APP_BASE_URL ?? APP_BASE_URL;
        resolve({
          issuer,
          client: {
            issuer,
            clientId: CLIENT_ID,
            clientSecret: CLIENT_SECRET,
            redirectUri: `${appBaseUrl}/auth/callback`,
          },
          output: () => output,
          pause: () => child.kill('SIGSTOP'),
          resume: () => child.kill('SIGCONT'),
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGCONT');
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with code ${code}:\n${output}`)));
  });
}
