/**
 * next.config.ts checks the configuration before `next build` and
 * `next start` do anything, and a build may do without the secrets only when
 * asked to (BUILD_WITHOUT_SECRETS=1), never `next start`.
 */
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants';
import nextConfig from '@/next.config';
import { exampleEnv } from '@/test-helpers/project';

const savedEnv = process.env;
let printed: string[];

beforeEach(() => {
  printed = [];
  const record = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  jest.spyOn(console, 'error').mockImplementation(record);
  jest.spyOn(console, 'log').mockImplementation(record);
  jest.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`process.exit(${code})`);
  });
});
afterEach(() => {
  process.env = savedEnv;
});

/** The environment of an image build on a CI server: a tenant, an https app, no secrets. */
function imageBuildEnv(extra: Record<string, string> = {}) {
  process.env = {
    ...savedEnv,
    ...exampleEnv,
    AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
    APP_BASE_URL: 'https://shop.example.com',
    PRODUCTS_API_URL: 'https://api.shop.example.com',
    AUTH0_SECRET: '',
    AUTH0_CLIENT_SECRET: '',
    NODE_ENV: 'production',
    ...extra,
  };
}

test('a build without the secrets stops, names them, and points to BUILD_WITHOUT_SECRETS', () => {
  imageBuildEnv();
  expect(() => nextConfig(PHASE_PRODUCTION_BUILD)).toThrow('process.exit(1)');
  const output = printed.join('\n');
  expect(output).toMatch(/AUTH0_CLIENT_SECRET is not set/);
  expect(output).toMatch(/AUTH0_SECRET is not set/);
  expect(output).toMatch(/Build with BUILD_WITHOUT_SECRETS=1/);
});

test('with BUILD_WITHOUT_SECRETS=1 the build goes on, says so, and still freezes the headers', async () => {
  imageBuildEnv({ BUILD_WITHOUT_SECRETS: '1' });
  const config = nextConfig(PHASE_PRODUCTION_BUILD);
  expect(printed.join('\n')).toMatch(/does not read AUTH0_SECRET or AUTH0_CLIENT_SECRET/);
  const headers = (await config.headers!()).flatMap((rule) => rule.headers);
  expect(headers).toContainEqual(expect.objectContaining({ key: 'Strict-Transport-Security' }));
});

test('`next start` ignores BUILD_WITHOUT_SECRETS: without the secrets it does not start', () => {
  imageBuildEnv({ BUILD_WITHOUT_SECRETS: '1' });
  expect(() => nextConfig(PHASE_PRODUCTION_SERVER)).toThrow('process.exit(1)');
  const output = printed.join('\n');
  expect(output).toMatch(/AUTH0_SECRET is not set/);
  expect(output).not.toMatch(/BUILD_WITHOUT_SECRETS/);
});

test("a Node.js older than package.json's engines stops `next build` and says what to install", () => {
  process.env = { ...savedEnv, ...exampleEnv };
  const running = Object.getOwnPropertyDescriptor(process.versions, 'node')!;
  Object.defineProperty(process.versions, 'node', { ...running, value: '22.13.1' });
  try {
    expect(() => nextConfig(PHASE_PRODUCTION_BUILD)).toThrow('process.exit(1)');
  } finally {
    Object.defineProperty(process.versions, 'node', running);
  }
  expect(printed.join('\n')).toMatch(
    /Node\.js 22\.13\.1 is too old for this app: it needs 22\.19\.0/,
  );
});
