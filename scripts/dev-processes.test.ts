import { parseServerEnv } from '../lib/env-schema';
import { devProcesses } from './dev-processes';

const example = {
  AUTH0_DOMAIN: 'http://localhost:4400',
  AUTH0_CLIENT_ID: 'client',
  AUTH0_CLIENT_SECRET: 'secret',
  AUTH0_SECRET: 'a'.repeat(64),
  APP_BASE_URL: 'http://localhost:3000',
  AUTH0_AUDIENCE: 'https://products-api.example.com',
  PRODUCTS_API_URL: 'http://localhost:4000',
};

const names = (env: Record<string, string>) =>
  devProcesses(parseServerEnv(env)).map((process) => process.name);

test('with the local Auth0 in AUTH0_DOMAIN, npm run dev starts it with the API and the app', () => {
  expect(names(example)).toEqual(['The local Auth0', 'The products API', 'Next.js']);
});

test.each(['my-tenant.us.auth0.com', 'rehearsal-tenant.test'])(
  "with a tenant's domain (%s), npm run dev does not start the local Auth0",
  (domain) => {
    expect(names({ ...example, AUTH0_DOMAIN: domain })).toEqual(['The products API', 'Next.js']);
  },
);

test('with your own API, npm run dev starts only the app', () => {
  expect(
    names({
      ...example,
      AUTH0_DOMAIN: 'my-tenant.us.auth0.com',
      PRODUCTS_API_URL: 'https://api.example.com',
    }),
  ).toEqual(['Next.js']);
});

test('the app listens on loopback, on the port of APP_BASE_URL', () => {
  const next = devProcesses(parseServerEnv(example)).at(-1);
  expect(next?.args).toEqual([
    'node_modules/next/dist/bin/next',
    'dev',
    '--turbopack',
    '--hostname',
    'localhost',
    '--port',
    '3000',
  ]);
});

test('npm run preview starts the same processes, with next start instead of the dev server', () => {
  const env = parseServerEnv(example);
  const preview = devProcesses(env, undefined, 'start');
  expect(preview.map((process) => process.name)).toEqual(names(example));
  expect(preview.at(-1)?.args.slice(1, 2)).toEqual(['start']);
});
