import { actionSecretKeywords } from './keywords';

const actions = [
  {
    name: 'Call the CRM',
    secrets: [
      { name: 'CRM_URL', value: 'https://##CRM_HOST##/v1' },
      { name: 'CRM_KEY', value: '##CRM_KEY##' },
      { name: 'NO_VALUE' },
    ],
  },
  { name: 'Add custom claims', secrets: [] },
];

test("the keywords in the Actions' secrets get their values from the environment", () => {
  expect(actionSecretKeywords(actions, { CRM_HOST: 'crm.example', CRM_KEY: 'k3y' })).toEqual({
    mappings: { CRM_HOST: 'crm.example', CRM_KEY: 'k3y' },
    missing: [],
  });
});

test('a keyword that is not set is named with its secret and Action, not sent as "##KEY##"', () => {
  expect(actionSecretKeywords(actions, { CRM_HOST: 'crm.example', CRM_KEY: '' })).toEqual({
    mappings: { CRM_HOST: 'crm.example' },
    missing: ['CRM_KEY (secret CRM_KEY of Action "Call the CRM")'],
  });
});

test('no Actions, or no secrets: nothing to map', () => {
  expect(actionSecretKeywords(undefined, {})).toEqual({ mappings: {}, missing: [] });
});
