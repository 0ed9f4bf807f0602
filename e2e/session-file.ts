/** Where auth.setup.ts keeps each test user's signed-in browser state (git-ignored). */
import path from 'node:path';
import type { TestUser } from '../test-helpers/demo-users';

export function sessionFile(user: TestUser): string {
  return path.resolve(__dirname, '.auth', `${user.email.replace(/[^a-z0-9]+/gi, '-')}.json`);
}
