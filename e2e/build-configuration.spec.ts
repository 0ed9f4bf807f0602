/**
 * The headers of next.config.ts are frozen into the build. The build these
 * tests run against was made for localhost (no HSTS; against the local Auth0,
 * a CSP that allows its avatars too): started with a production environment,
 * it must refuse to serve, naming what differs. It was built without reading
 * the secrets (playwright.config.ts): started without them, it must refuse too.
 * (That the same build starts with its own environment, every other spec shows.)
 */
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eTarget } from './target';

const target = e2eTarget();

/** Runs `next start` on the tests' build with `env`, and returns what it printed and its exit code. */
async function startBuild(port: number, env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { output, exitCode };
}

test('a build made for localhost refuses to start with a production environment', async () => {
  const { output, exitCode } = await startBuild(3197, {
    ...target.env,
    APP_BASE_URL: 'https://shop.example.com',
    AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
    AUTH0_SECRET: 'f'.repeat(64),
    PRODUCTS_API_URL: 'https://api.shop.example.com',
  });

  expect(output).toContain('This build was made for another configuration');
  expect(output).toContain('APP_BASE_URL=https://shop.example.com');
  expect(output).toMatch(
    /Strict-Transport-Security\n\s+in the build:\s+\(not sent\)\n\s+for this environment:\s+max-age=/,
  );
  // Against a tenant the build's CSP already names no local Auth0: only HSTS differs.
  if (target.localAuth0) {
    expect(output).toMatch(/in the build:.*img-src [^;]*http:\/\/localhost/);
  } else {
    expect(output).not.toContain('Content-Security-Policy');
  }
  expect(exitCode).toBe(1);
});

test('a build made without its secrets (BUILD_WITHOUT_SECRETS=1) does not start without them', async () => {
  const { output, exitCode } = await startBuild(3198, {
    ...target.env,
    // Ignored by `next start`: only `next build` may do without the secrets.
    BUILD_WITHOUT_SECRETS: '1',
    // Empty means "not set", and keeps a developer's .env.local from filling them in.
    AUTH0_SECRET: '',
    AUTH0_CLIENT_SECRET: '',
  });

  expect(output).toMatch(/Invalid configuration:\n\s+- AUTH0_CLIENT_SECRET is not set/);
  expect(output).toMatch(/- AUTH0_SECRET is not set/);
  expect(exitCode).toBe(1);
});
