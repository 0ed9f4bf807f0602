import {
  PHASE_DEVELOPMENT_SERVER,
  PHASE_PRODUCTION_BUILD,
  PHASE_PRODUCTION_SERVER,
} from 'next/constants';
import {
  buildsWithoutSecrets,
  EXAMPLE_AUTH0_SECRET,
  InvalidEnvError,
  parseServerEnv,
} from '@/lib/env-schema';
import { AUDIENCE, exampleEnv } from '@/test-helpers/project';

function problemsWith(env: Record<string, string | undefined>): string[] {
  try {
    parseServerEnv(env);
  } catch (error) {
    if (error instanceof InvalidEnvError) return error.problems;
    throw error;
  }
  return [];
}

test('.env.local.example works as it is, against the local Auth0', () => {
  const env = parseServerEnv(exampleEnv);
  expect(env.usesLocalAuth0).toBe(true);
  expect(env.AUTH0_SECRET).toBe(EXAMPLE_AUTH0_SECRET);
  expect(env.AUTH0_AUDIENCE).toBe(AUDIENCE);
});

test('a missing variable is named, with how to get a value', () => {
  const problems = problemsWith({
    ...exampleEnv,
    AUTH0_CLIENT_SECRET: undefined,
    AUTH0_AUDIENCE: '',
  });
  expect(problems).toEqual([
    expect.stringMatching(/^AUTH0_CLIENT_SECRET is not set\. Copy it from your Application/),
    expect.stringMatching(/^AUTH0_AUDIENCE is not set\..*opaque access token/),
  ]);
});

test('the message lists every problem and says where to set them', () => {
  expect(() => parseServerEnv({})).toThrow(/Invalid configuration:\n {2}- AUTH0_DOMAIN is not set/);
  expect(() => parseServerEnv({})).toThrow(/\.env\.local/);
});

test.each([
  ['https://my-tenant.us.auth0.com', /no https:\/\//],
  ['http://127.0.0.1:4400', /refuses IP addresses/],
  ['http://auth.example.com', /http:\/\/localhost/],
])('AUTH0_DOMAIN=%s is refused with a hint', (domain, hint) => {
  expect(problemsWith({ ...exampleEnv, AUTH0_DOMAIN: domain })).toEqual([
    expect.stringMatching(hint),
  ]);
});

test('a short AUTH0_SECRET and an APP_BASE_URL with a path are refused', () => {
  expect(
    problemsWith({ ...exampleEnv, AUTH0_SECRET: 'short', APP_BASE_URL: 'http://localhost:3000/' }),
  ).toEqual([
    expect.stringMatching(/AUTH0_SECRET must be at least 32 characters/),
    expect.stringMatching(/APP_BASE_URL must be an origin/),
  ]);
});

test('the example secret only for a localhost app, even in development: anyone who reaches the server could forge a session', () => {
  expect(problemsWith({ ...exampleEnv, APP_BASE_URL: 'http://192.168.1.20:3000' })).toEqual([
    expect.stringMatching(/AUTH0_SECRET is the example value .* not a localhost URL/),
  ]);
  expect(
    problemsWith({
      ...exampleEnv,
      APP_BASE_URL: 'http://192.168.1.20:3000',
      AUTH0_SECRET: 'f'.repeat(64),
    }),
  ).toEqual([]);
});

// An app deployed with the example's Auth0 values: the tests below change one thing at a time.
const deployed = {
  ...exampleEnv,
  NODE_ENV: 'production',
  APP_BASE_URL: 'https://shop.example.com',
  PRODUCTS_API_URL: 'https://api.shop.example.com',
};

describe('in production', () => {
  test('a deployed app refuses the local Auth0 and the example secret', () => {
    expect(problemsWith(deployed)).toEqual([
      expect.stringMatching(/AUTH0_SECRET is the example value/),
      expect.stringMatching(/AUTH0_DOMAIN points at the local Auth0/),
    ]);
  });

  test('a deployed app must be served over https', () => {
    expect(
      problemsWith({
        ...deployed,
        APP_BASE_URL: 'http://shop.example.com',
        AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
        AUTH0_SECRET: 'f'.repeat(64),
      }),
    ).toEqual([expect.stringMatching(/APP_BASE_URL .* must be https:\/\/ for a deployed app/)]);
  });

  test('a deployed app sends access tokens only over https', () => {
    expect(
      problemsWith({
        ...deployed,
        AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
        AUTH0_SECRET: 'f'.repeat(64),
        PRODUCTS_API_URL: 'http://api.shop.example.com',
      }),
    ).toEqual([expect.stringMatching(/PRODUCTS_API_URL .* must be https:\/\/ for a deployed app/)]);
  });

  test('a deployed app with a tenant and its own secret starts', () => {
    const env = parseServerEnv({
      ...deployed,
      AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
      AUTH0_SECRET: 'f'.repeat(64),
    });
    expect(env.usesLocalAuth0).toBe(false);
  });

  test('a production build served on localhost may use the local Auth0 (the e2e tests do)', () => {
    expect(problemsWith({ ...exampleEnv, NODE_ENV: 'production' })).toEqual([]);
  });
});

test('an AUTH0_SCOPE with a step-up scope is refused: that scope needs a second factor first', () => {
  expect(
    problemsWith({
      ...exampleEnv,
      AUTH0_SCOPE: 'openid offline_access read:products create:products',
    }),
  ).toEqual([expect.stringMatching(/^AUTH0_SCOPE includes create:products.*lib\/step-up\.ts/)]);
});

test('an AUTH0_SCOPE without openid is refused, naming the variable and the default', () => {
  expect(problemsWith({ ...exampleEnv, AUTH0_SCOPE: 'profile email offline_access' })).toEqual([
    expect.stringMatching(
      /^AUTH0_SCOPE must include openid.*remove AUTH0_SCOPE to use the default/,
    ),
  ]);
  // A word that merely contains it is not enough.
  expect(problemsWith({ ...exampleEnv, AUTH0_SCOPE: 'openidx profile' })).toHaveLength(1);
  expect(problemsWith({ ...exampleEnv, AUTH0_SCOPE: 'openid read:products' })).toEqual([]);
});

describe('a build without the runtime secrets (BUILD_WITHOUT_SECRETS=1)', () => {
  const withoutSecrets = {
    ...deployed,
    AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
    AUTH0_SECRET: undefined,
    AUTH0_CLIENT_SECRET: undefined,
  };

  test('applies to `next build` only: `next start` and `next dev` always need the secrets', () => {
    const asked = { BUILD_WITHOUT_SECRETS: '1' };
    expect(buildsWithoutSecrets(asked, PHASE_PRODUCTION_BUILD)).toBe(true);
    expect(buildsWithoutSecrets(asked, PHASE_PRODUCTION_SERVER)).toBe(false);
    expect(buildsWithoutSecrets(asked, PHASE_DEVELOPMENT_SERVER)).toBe(false);
    expect(buildsWithoutSecrets({}, PHASE_PRODUCTION_BUILD)).toBe(false);
  });

  test('without it, the missing secrets stop the build, by name', () => {
    expect(problemsWith(withoutSecrets)).toEqual([
      expect.stringMatching(/^AUTH0_CLIENT_SECRET is not set/),
      expect.stringMatching(/^AUTH0_SECRET is not set/),
    ]);
  });

  test('with it, the build gets throw-away values, different every time, never the example one', () => {
    const first = parseServerEnv(withoutSecrets, { withoutSecrets: true });
    const second = parseServerEnv(withoutSecrets, { withoutSecrets: true });
    expect(first.AUTH0_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(first.AUTH0_SECRET).not.toBe(second.AUTH0_SECRET);
    expect(first.AUTH0_SECRET).not.toBe(EXAMPLE_AUTH0_SECRET);
    expect(first.AUTH0_CLIENT_SECRET).not.toBe(second.AUTH0_CLIENT_SECRET);
  });

  test('secrets that are set are not read, and every other variable is still required', () => {
    const own = 'f'.repeat(64);
    const env = parseServerEnv(
      { ...withoutSecrets, AUTH0_SECRET: own, AUTH0_CLIENT_SECRET: own },
      { withoutSecrets: true },
    );
    expect(env.AUTH0_SECRET).not.toBe(own);
    expect(env.AUTH0_CLIENT_SECRET).not.toBe(own);
    expect(() =>
      parseServerEnv({ ...withoutSecrets, AUTH0_DOMAIN: '' }, { withoutSecrets: true }),
    ).toThrow(/AUTH0_DOMAIN is not set/);
  });
});
