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

describe('standing in for a tenant', () => {
  const standIn = {
    ...valid,
    AUTH0_DOMAIN: 'rehearsal-tenant.test',
    AUTH0_LOCAL_TLS_CERT: '/tmp/cert.pem',
    AUTH0_LOCAL_TLS_KEY: '/tmp/key.pem',
  };

  test('serves https on port 443, with the issuer a tenant has: https://<domain>/', () => {
    expect(readConfig(standIn)).toMatchObject({
      issuer: 'https://rehearsal-tenant.test/',
      port: 443,
      tls: { certFile: '/tmp/cert.pem', keyFile: '/tmp/key.pem' },
    });
  });

  test('only for a .test domain, which no real tenant can have', () => {
    expect(() => readConfig({ ...standIn, AUTH0_DOMAIN: 'my-tenant.us.auth0.com' })).toThrow(
      /AUTH0_DOMAIN must be http:\/\/localhost:<port>/,
    );
  });

  test('only with a certificate and its key', () => {
    expect(() => readConfig({ ...standIn, AUTH0_LOCAL_TLS_KEY: undefined })).toThrow(
      /AUTH0_DOMAIN must be http:\/\/localhost:<port>/,
    );
  });

  test('still refuses to run in production', () => {
    expect(() => readConfig({ ...standIn, NODE_ENV: 'production' })).toThrow(
      /refuses to run with NODE_ENV=production/,
    );
  });

  test('a certificate with an http://localhost domain is a mistake, and says so', () => {
    expect(() => readConfig({ ...standIn, AUTH0_DOMAIN: 'http://localhost:4400' })).toThrow(
      /AUTH0_DOMAIN must then be a bare domain ending in \.test/,
    );
  });
});
