/**
 * The headers of next.config.ts are frozen into the build. The build these
 * tests run against was made for localhost (no HSTS; against the local Auth0,
 * a CSP that allows its avatars too): started with a production environment,
 * it must refuse to serve, naming what differs. (That the same build starts
 * with its own environment, every other spec shows.)
 */
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eTarget } from './target';

const target = e2eTarget();

test('a build made for localhost refuses to start with a production environment', async () => {
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '--hostname', '127.0.0.1', '--port', '3197'],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        ...target.env,
        APP_BASE_URL: 'https://shop.example.com',
        AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
        AUTH0_SECRET: 'f'.repeat(64),
        PRODUCTS_API_URL: 'https://api.shop.example.com',
      },
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
