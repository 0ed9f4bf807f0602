/**
 * The post-login Action, called the way Auth0 calls it. The event is shaped
 * like the one Auth0 records for a database-connection login; `api` records
 * what the Action asks of it.
 *
 * Also where the three programs are checked to agree: the Action, the app and
 * the sample products API each write the claims namespace (and the app and
 * the API the product rules) once, in their own code.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { CLAIMS_NAMESPACE, DEPARTMENT_CLAIM, ROLES_CLAIM } from '@/lib/claims';
import { DEPARTMENTS, fieldErrorsOf, newProductSchema } from '@/lib/products';
import { AUDIENCE } from '@/test-helpers/project';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the Action is CommonJS, as on Auth0
const { onExecutePostLogin } = require(path.resolve('auth0/actions/add-custom-claims.js'));

type SampleApi = {
  claims: { CLAIMS_NAMESPACE: string; ROLES_CLAIM: string; DEPARTMENT_CLAIM: string };
  products: {
    DEPARTMENTS: readonly string[];
    newProductSchema: z.ZodType;
    fieldErrorsOf: (error: z.ZodError) => Record<string, string[] | undefined>;
  };
};
// The sample API is checked while it is in the project: replacing it removes
// its folder (services/products-api/README.md), and with it these checks.
const sampleApiDir = path.resolve('services/products-api');
const sampleApi: SampleApi | null = fs.existsSync(sampleApiDir)
  ? {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when present
      claims: require(path.join(sampleApiDir, 'caller')),
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when present
      products: require(path.join(sampleApiDir, 'products')),
    }
  : null;
const describeSampleApi = sampleApi ? describe : describe.skip;

function recordedEvent(
  overrides: { app_metadata?: Record<string, unknown>; roles?: string[] | null } = {},
) {
  return {
    transaction: { protocol: 'oidc-basic-profile', requested_scopes: ['openid', 'profile'] },
    user: {
      user_id: 'auth0|65f1c0ffee',
      email: 'sam@example.com',
      email_verified: true,
      name: 'Sam Seller',
      nickname: 'sam',
      picture: 'https://s.gravatar.com/avatar/sam.png',
      app_metadata: overrides.app_metadata ?? { department: 'sales' },
      user_metadata: {},
    },
    authorization:
      overrides.roles === null ? undefined : { roles: overrides.roles ?? ['employee'] },
    client: { client_id: 'abc123', name: 'Next.js Auth0 Starter' },
    resource_server: { identifier: AUDIENCE },
    secrets: {},
  };
}

function recordingApi() {
  const calls = {
    idToken: {} as Record<string, unknown>,
    accessToken: {} as Record<string, unknown>,
    denied: null as string | null,
  };
  const api = {
    access: { deny: (reason: string) => void (calls.denied = reason) },
    idToken: {
      setCustomClaim: (name: string, value: unknown) => void (calls.idToken[name] = value),
    },
    accessToken: {
      setCustomClaim: (name: string, value: unknown) => void (calls.accessToken[name] = value),
    },
  };
  return { api, calls };
}

test('adds the roles and department to both tokens, under the namespace', async () => {
  const { api, calls } = recordingApi();
  await onExecutePostLogin(recordedEvent(), api);

  expect(calls.denied).toBeNull();
  for (const claims of [calls.idToken, calls.accessToken]) {
    expect(claims).toEqual({ [ROLES_CLAIM]: ['employee'], [DEPARTMENT_CLAIM]: 'sales' });
  }
});

test('uses the same namespace as the app (lib/claims.ts)', async () => {
  const { api, calls } = recordingApi();
  await onExecutePostLogin(recordedEvent({ roles: ['admin', 'employee'] }), api);

  const names = [...Object.keys(calls.idToken), ...Object.keys(calls.accessToken)];
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name.startsWith(`${CLAIMS_NAMESPACE}/`)).toBe(true);
});

describeSampleApi('the sample products API agrees with the Action and the app', () => {
  // describe.skip still runs this body: read the API's modules in the tests only.
  const claims = () => sampleApi!.claims;
  const products = () => sampleApi!.products;

  test('it reads the claims the Action writes, under the app’s namespace', async () => {
    expect(claims().CLAIMS_NAMESPACE).toBe(CLAIMS_NAMESPACE);
    const { api, calls } = recordingApi();
    await onExecutePostLogin(recordedEvent(), api);
    expect(Object.keys(calls.accessToken).sort()).toEqual(
      [claims().DEPARTMENT_CLAIM, claims().ROLES_CLAIM].sort(),
    );
  });

  test('it knows the same departments as the app', () => {
    expect([...products().DEPARTMENTS]).toEqual([...DEPARTMENTS]);
  });

  test('the form refuses a new product exactly when the API does, with the same messages', () => {
    const verdict = (
      schema: z.ZodType,
      errorsOf: (error: z.ZodError) => Record<string, string[] | undefined>,
      input: unknown,
    ) => {
      const result = schema.safeParse(input);
      return result.success ? { data: result.data } : { errors: errorsOf(result.error) };
    };
    const input = fc.record(
      {
        name: fc.oneof(
          // One name per rule, so that each message is compared on every run.
          fc.constantFrom(
            '',
            'X',
            'Desk\nlamp',
            'Invoice \u202Egpj.exe',
            'Lamp \uD83D',
            '\u200B\u200B',
          ),
          fc.string({ unit: 'binary', maxLength: 20 }),
          fc.string({ minLength: 78, maxLength: 84 }),
          fc.anything(),
        ),
        price: fc.oneof(
          fc.double(),
          fc.integer().map((cents) => cents / 100),
          fc.anything(),
        ),
        department: fc.oneof(fc.constantFrom(...DEPARTMENTS), fc.string(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (candidate) => {
        expect(verdict(products().newProductSchema, products().fieldErrorsOf, candidate)).toEqual(
          verdict(
            newProductSchema,
            fieldErrorsOf as SampleApi['products']['fieldErrorsOf'],
            candidate,
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});

test('a user without a department gets roles only; a flow without a user gets no roles', async () => {
  const noDepartment = recordingApi();
  await onExecutePostLogin(recordedEvent({ app_metadata: {}, roles: [] }), noDepartment.api);
  expect(noDepartment.calls.accessToken).toEqual({ [ROLES_CLAIM]: [] });

  const noAuthorization = recordingApi();
  await onExecutePostLogin(recordedEvent({ roles: null }), noAuthorization.api);
  expect(noAuthorization.calls.accessToken[ROLES_CLAIM]).toEqual([]);
});

test('denies a blocked user with a reason and adds no claims', async () => {
  const { api, calls } = recordingApi();
  await onExecutePostLogin(
    recordedEvent({ app_metadata: { blocked: true, department: 'sales' } }),
    api,
  );

  expect(calls.denied).toBe('This account has been blocked. Contact your administrator.');
  expect(calls.idToken).toEqual({});
  expect(calls.accessToken).toEqual({});
});
