import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIENCE, CLAIMS_NAMESPACE, DEPARTMENT_CLAIM, ROLES_CLAIM } from '@/test-helpers/project';
import { ActionFailedError, runPostLoginActions, type PostLoginContext } from './actions';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actions-test-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function action(name: string, body: string) {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, `exports.onExecutePostLogin = async (event, api) => {\n${body}\n};\n`);
  return { name, file };
}

const context: PostLoginContext = {
  protocol: 'oidc-basic-profile',
  user: {
    user_id: 'auth0|sales',
    email: 'sam@example.com',
    name: 'Sam Seller',
    nickname: 'sam',
    roles: ['employee'],
    app_metadata: { department: 'sales' },
    user_metadata: {},
  },
  picture: 'http://localhost:4400/avatars/sam.svg',
  client: { client_id: 'client', name: 'App' },
  audience: AUDIENCE,
  requestedScopes: ['openid'],
  loginsCount: 1,
};

test('runs the real Action with an Auth0-shaped event', async () => {
  const result = await runPostLoginActions(
    [{ name: 'Add custom claims', file: path.resolve('auth0/actions/add-custom-claims.js') }],
    context,
  );
  // The claims the app and the API rely on, in both tokens. The Action may add
  // more (chapter 2's exercise does): this test is about the runner.
  const expected = { [ROLES_CLAIM]: ['employee'], [DEPARTMENT_CLAIM]: 'sales' };
  expect(result).toMatchObject({
    denied: false,
    idTokenClaims: expected,
    accessTokenClaims: expected,
    addedScopes: [],
    removedScopes: [],
  });
});

test('restricted claim names are dropped without an error, as on Auth0', async () => {
  const result = await runPostLoginActions(
    [
      action(
        'restricted',
        `api.accessToken.setCustomClaim('roles', ['admin']);
         api.accessToken.setCustomClaim('permissions', ['create:products']);
         api.accessToken.setCustomClaim('sub', 'someone-else');
         api.accessToken.setCustomClaim('https://tenant.auth0.com/x', 1);
         api.accessToken.setCustomClaim('${CLAIMS_NAMESPACE}/kept', true);`,
      ),
    ],
    context,
  );
  expect(result).toMatchObject({ accessTokenClaims: { [`${CLAIMS_NAMESPACE}/kept`]: true } });
  expect(Object.keys(result.denied ? {} : result.accessTokenClaims)).toHaveLength(1);
});

test('a denial stops the flow: later Actions do not run', async () => {
  const result = await runPostLoginActions(
    [action('deny', `api.access.deny('Not today');`), action('later', `throw new Error('ran');`)],
    context,
  );
  expect(result).toEqual({ denied: true, reason: 'Not today' });
});

test('an Action that throws is reported with its name and message', async () => {
  const failing = action('failing', `throw new Error('department lookup failed');`);
  await expect(runPostLoginActions([failing], context)).rejects.toThrow(ActionFailedError);
  await expect(runPostLoginActions([failing], context)).rejects.toThrow(
    'Action "failing" threw: department lookup failed',
  );
});

test('an edit to an Action is picked up at the next login, without a restart', async () => {
  const editable = action('editable', `api.idToken.setCustomClaim('https://x.example/v', 1);`);
  await expect(runPostLoginActions([editable], context)).resolves.toMatchObject({
    idTokenClaims: { 'https://x.example/v': 1 },
  });
  action('editable', `api.idToken.setCustomClaim('https://x.example/v', 2);`);
  await expect(runPostLoginActions([editable], context)).resolves.toMatchObject({
    idTokenClaims: { 'https://x.example/v': 2 },
  });
});
