import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProjectEnv } from './env-files';

const names = ['PRODUCTS_API_URL', 'AUTH0_AUDIENCE', 'AUTH0_DOMAIN', 'NODE_ENV'];
let root: string;
let saved: Record<string, string | undefined>;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'products-api-env-'));
  saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) delete process.env[name];
  // Jest sets NODE_ENV=test, under which Next.js (and this) skip .env.local.
  Object.assign(process.env, { NODE_ENV: 'development' });
  fs.writeFileSync(
    path.join(root, '.env.local.example'),
    'PRODUCTS_API_URL=http://localhost:4000\nAUTH0_AUDIENCE=https://example.test\n',
  );
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else Object.assign(process.env, { [name]: value });
  }
  fs.rmSync(root, { recursive: true, force: true });
});

test('without .env.local, the example file configures the API', () => {
  expect(loadProjectEnv(root)).toBe('.env.local.example');
  expect(process.env.PRODUCTS_API_URL).toBe('http://localhost:4000');
});

test('.env.local replaces the example entirely, and .env fills in below it', () => {
  fs.writeFileSync(path.join(root, '.env.local'), 'PRODUCTS_API_URL=http://localhost:4100\n');
  fs.writeFileSync(
    path.join(root, '.env'),
    'PRODUCTS_API_URL=http://localhost:1\nAUTH0_DOMAIN=t.example.com\n',
  );
  expect(loadProjectEnv(root)).toBe('.env.local');
  expect(process.env.PRODUCTS_API_URL).toBe('http://localhost:4100');
  expect(process.env.AUTH0_DOMAIN).toBe('t.example.com');
  expect(process.env.AUTH0_AUDIENCE).toBeUndefined();
});

test('a variable set in the shell wins over every file', () => {
  process.env.PRODUCTS_API_URL = 'http://localhost:4200';
  fs.writeFileSync(path.join(root, '.env.local'), 'PRODUCTS_API_URL=http://localhost:4100\n');
  loadProjectEnv(root);
  expect(process.env.PRODUCTS_API_URL).toBe('http://localhost:4200');
});
