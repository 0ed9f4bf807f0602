import fs from 'node:fs';
import { parse } from 'yaml';
import { unsentParts } from './tenant-file';

const tenant = () => parse(fs.readFileSync('auth0/tenant.yaml', 'utf8')) as Record<string, unknown>;

test('auth0/tenant.yaml has nothing the deploy would leave out', () => {
  expect(unsentParts(tenant())).toEqual([]);
});

test('a section outside the types the deploy sends is named, with the two ways out', () => {
  const [problem, ...others] = unsentParts({ ...tenant(), emailTemplates: [] });
  expect(others).toEqual([]);
  expect(problem).toMatch(/^emailTemplates: npm run auth0:deploy does not send this section/);
  expect(problem).toContain('Set it in the Dashboard');
  expect(problem).toContain('DEPLOY_CLI_TYPES in scripts/auth0-deploy/tenant-file.ts');
});

test('a binding to another trigger, or to an Action the file does not define, is named', () => {
  const file = tenant();
  file.triggers = {
    'post-login': [{ action_name: 'Add custom claims' }, { action_name: 'Add custom claim' }],
    'credentials-exchange': [{ action_name: 'Add custom claims' }],
  };
  expect(unsentParts(file)).toEqual([
    'triggers.post-login[1]: binds "Add custom claim", but no action of the file has that name.',
    expect.stringMatching(/^triggers\.credentials-exchange: npm run auth0:deploy binds post-login/),
  ]);
});

test('a file without Actions or triggers has nothing to bind', () => {
  expect(unsentParts({ clients: [] })).toEqual([]);
  expect(
    unsentParts({ triggers: { 'post-login': [{ action_name: 'Add custom claims' }] } }),
  ).toEqual([
    'triggers.post-login[0]: binds "Add custom claims", but no action of the file has that name.',
  ]);
});
