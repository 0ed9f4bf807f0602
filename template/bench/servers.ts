/**
 * Servers for the benchmarks, on loopback ports of their own: a production
 * build of the app (`next start`), the products API as a child process, and
 * the local Auth0 in this process, so its token endpoint can be counted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSessionCookie } from '@auth0/nextjs-auth0/testing';
import { demoUsers } from '../../test-helpers/demo-users';
import { exampleEnv } from '../../test-helpers/project';
import { tokensFor } from '../../services/auth0-local/browserless-login';
import { createLocalAuth0 } from '../../services/auth0-local/app';
import { readConfig } from '../../services/auth0-local/config';
import { projectRoot } from '../../lib/project-env';

export const ports = { app: 3700, api: 4700, auth0: 4750 };

function benchEnv(): Record<string, string> {
  return {
    ...exampleEnv,
    APP_BASE_URL: `http://localhost:${ports.app}`,
    AUTH0_DOMAIN: `http://localhost:${ports.auth0}`,
    PRODUCTS_API_URL: `http://localhost:${ports.api}`,
  };
}

async function waitFor(url: string, child: ChildProcess, name: string) {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${name} did not start at ${url}`);
}

export type BenchServerOptions = {
  build: boolean;
  /** The app to build and start; the project itself unless given. */
  appDir?: string;
  /** Extra Node arguments for `next start`, e.g. to record a CPU profile. */
  appNodeArgs?: string[];
};

export async function startBenchServers(options: BenchServerOptions) {
  const env = { ...process.env, ...benchEnv() };
  const appDir = options.appDir ?? projectRoot;
  if (options.build) {
    console.log('Building the app (next build)…');
    const build = spawnSync(
      process.execPath,
      ['node_modules/next/dist/bin/next', 'build', '--webpack'],
      { cwd: appDir, env, stdio: 'ignore' },
    );
    if (build.status !== 0) throw new Error('next build failed: run `npm run build` to see why.');
  }

  // The local Auth0, in this process: count its token endpoint grants.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-auth0-'));
  const { app: auth0App, provider } = createLocalAuth0(
    readConfig({ ...env, AUTH0_LOCAL_DATA_DIR: dataDir }),
  );
  const tokenGrants = { count: 0 };
  provider.on('grant.success', () => tokenGrants.count++);
  const auth0Server = auth0App.listen(ports.auth0, '127.0.0.1');

  const children = [
    spawn(process.execPath, ['--import', 'tsx', 'services/products-api/server.ts'], {
      cwd: projectRoot,
      env,
      stdio: 'ignore',
      detached: true,
    }),
    spawn(
      process.execPath,
      [
        ...(options.appNodeArgs ?? []),
        'node_modules/next/dist/bin/next',
        'start',
        '--port',
        String(ports.app),
        '--hostname',
        '127.0.0.1',
      ],
      {
        cwd: appDir,
        env: {
          ...env,
          NODE_ENV: 'production',
        },
        stdio: 'ignore',
        detached: true,
      },
    ),
  ];
  const app = children[1]!;
  const stop = () => {
    auth0Server.close();
    for (const child of children) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`http://127.0.0.1:${ports.api}/`, children[0]!, 'The products API');
    await waitFor(`http://127.0.0.1:${ports.app}/`, app, 'next start');
  } catch (error) {
    // A server that did start must not outlive a failed start: it would hold its port.
    stop();
    throw error;
  }

  return {
    env,
    tokenGrants,
    /** Process IDs of the app (`next start`) and of the products API. */
    pids: { app: app.pid!, api: children[0]!.pid! },
    /** Resident memory (MB) of the app's and the API's process groups. */
    memory() {
      const rss = (pid: number) =>
        spawnSync('ps', ['-o', 'rss=', '-g', String(pid)], { encoding: 'utf8' })
          .stdout.split('\n')
          .reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
      return { api: rss(children[0]!.pid!), app: rss(children[1]!.pid!) };
    },
    /** Resolves when the app has exited (after stop()). */
    appExited: new Promise<void>((resolve) => app.once('exit', () => resolve())),
    stop,
  };
}

/**
 * A session cookie holding real tokens, as the SDK would write after a login.
 * With `expired`, the SDK takes the access token for expired and renews it.
 */
export async function sessionCookieFor(
  tokens: { access_token: string; refresh_token?: string; id_token: string; expires_in: number },
  secret: string,
  { expired = false } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const value = await generateSessionCookie(
    {
      user: { sub: 'bench' },
      tokenSet: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        idToken: tokens.id_token,
        expiresAt: expired ? now - 1 : now + tokens.expires_in,
      },
      internal: { sid: 'bench', createdAt: now },
    },
    { secret },
  );
  return `__session=${value}`;
}

/** Logs a demo user in at the benchmark's local Auth0 (no browser) and returns their tokens. */
export function demoTokens(env: Record<string, string | undefined>, email: string) {
  return tokensFor(
    {
      issuer: `${env.AUTH0_DOMAIN}/`,
      clientId: env.AUTH0_CLIENT_ID!,
      clientSecret: env.AUTH0_CLIENT_SECRET!,
      redirectUri: `${env.APP_BASE_URL}/auth/callback`,
    },
    email,
    demoUsers().password,
  );
}

/** Runs a benchmark and exits with its outcome (the servers it started must not keep it alive). */
export function runBenchmark(main: () => Promise<void>) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
