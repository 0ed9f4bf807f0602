import { readConfig } from './config';

const valid = {
  AUTH0_DOMAIN: 'http://localhost:4400',
  AUTH0_CLIENT_ID: 'client',
  AUTH0_CLIENT_SECRET: 'secret',
  APP_BASE_URL: 'http://localhost:3000',
};

test('the issuer is the domain with a trailing slash, as on Auth0', () => {
  expect(readConfig(valid)).toMatchObject({ issuer: 'http://localhost:4400/', port: 4400 });
});

test('refuses to run in production', () => {
  expect(() => readConfig({ ...valid, NODE_ENV: 'production' })).toThrow(
    /refuses to run with NODE_ENV=production/,
  );
});

test('refuses a domain that is not http://localhost', () => {
  expect(() => readConfig({ ...valid, AUTH0_DOMAIN: 'my-tenant.us.auth0.com' })).toThrow(
    /AUTH0_DOMAIN must be http:\/\/localhost:<port>/,
  );
});

test('names every missing variable', () => {
  expect(() => readConfig({})).toThrow(/AUTH0_DOMAIN is not set[\s\S]*AUTH0_CLIENT_ID is not set/);
});
