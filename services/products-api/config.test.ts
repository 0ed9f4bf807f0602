import { readConfig } from './config';

const apiVariables = {
  AUTH0_DOMAIN: 'http://localhost:4400',
  AUTH0_AUDIENCE: 'https://products.example.com',
  PRODUCTS_API_URL: 'http://localhost:4000',
};

test('needs only the issuer, the audience and its own URL: none of the app’s secrets', () => {
  expect(readConfig(apiVariables)).toEqual({
    issuer: 'http://localhost:4400/',
    audience: 'https://products.example.com',
    url: 'http://localhost:4000',
    port: 4000,
  });
});

test('a tenant’s issuer is https://<domain>/, as in the tokens Auth0 issues', () => {
  expect(readConfig({ ...apiVariables, AUTH0_DOMAIN: 'my-tenant.us.auth0.com' }).issuer).toBe(
    'https://my-tenant.us.auth0.com/',
  );
});

test('names the wrong variable and says how to fix it, in the app’s words', () => {
  expect(() =>
    readConfig({ ...apiVariables, AUTH0_DOMAIN: 'https://my-tenant.us.auth0.com' }),
  ).toThrow(/AUTH0_DOMAIN must be a bare domain/);
  expect(() => readConfig({ ...apiVariables, AUTH0_AUDIENCE: '' })).toThrow(
    /AUTH0_AUDIENCE is not set\..*opaque access token/,
  );
});

test('listens on localhost only', () => {
  expect(() =>
    readConfig({ ...apiVariables, PRODUCTS_API_URL: 'https://api.example.com' }),
  ).toThrow(/PRODUCTS_API_URL must be http:\/\/localhost:<port> for the sample API/);
});

test('lists every missing variable, an empty value counting as missing', () => {
  expect(() => readConfig({ AUTH0_DOMAIN: '' })).toThrow(
    /AUTH0_DOMAIN is not set[\s\S]*AUTH0_AUDIENCE is not set[\s\S]*PRODUCTS_API_URL is not set/,
  );
});
