/**
 * What the tests check against, read from the project's own files so that a
 * test follows your changes instead of repeating values: change the claims
 * namespace in lib/claims.ts, the API's audience in .env.local.example, and
 * the tests expect the new values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

export { CLAIMS_NAMESPACE, DEPARTMENT_CLAIM, ROLES_CLAIM } from '../lib/claims';

const projectRoot = path.resolve(__dirname, '..');

/** The values of `.env.local.example`: the configuration that runs against the local Auth0. */
export const exampleEnv = parseEnv(
  fs.readFileSync(path.join(projectRoot, '.env.local.example'), 'utf8'),
) as Record<string, string>;

function required(name: string): string {
  const value = exampleEnv[name];
  if (!value) throw new Error(`.env.local.example has no ${name}`);
  return value;
}

/** The products API's identifier: the `audience` the app asks for. */
export const AUDIENCE = required('AUTH0_AUDIENCE');
