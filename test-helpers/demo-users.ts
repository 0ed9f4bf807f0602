/**
 * The demo users of auth0/local-users.yaml, for the unit and e2e tests. To run
 * the e2e tests against your tenant, create the same users there (same emails,
 * roles and app_metadata) with the password in E2E_AUTH0_PASSWORD.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export type TestUser = {
  email: string;
  name: string;
  roles: string[];
  department: string | null;
  blocked: boolean;
  /** The base32 secret of the user's one-time passwords (`mfa.totp_secret`), if enrolled. */
  totpSecret: string | null;
};

type UsersFile = {
  password: string;
  users: {
    email: string;
    name: string;
    roles?: string[];
    app_metadata?: Record<string, unknown>;
    mfa?: { totp_secret?: string };
  }[];
};

export function demoUsers(): { password: string; users: TestUser[] } {
  const file = path.resolve(__dirname, '..', 'auth0', 'local-users.yaml');
  const { password, users } = parse(fs.readFileSync(file, 'utf8')) as UsersFile;
  return {
    password,
    users: users.map((user) => ({
      email: user.email,
      name: user.name,
      roles: user.roles ?? [],
      department:
        typeof user.app_metadata?.department === 'string' ? user.app_metadata.department : null,
      blocked: user.app_metadata?.blocked === true,
      totpSecret: user.mfa?.totp_secret ?? null,
    })),
  };
}

function find(predicate: (user: TestUser) => boolean, what: string): TestUser {
  const user = demoUsers().users.find(predicate);
  if (!user) throw new Error(`auth0/local-users.yaml has no ${what}`);
  return user;
}

/** One demo user per kind of access the tests exercise. */
export const users = {
  admin: find((u) => u.roles.includes('admin') && !u.blocked, 'admin'),
  employee: find(
    (u) => u.roles.includes('employee') && !u.blocked && !!u.department,
    'employee with a department',
  ),
  noRole: find((u) => u.roles.length === 0 && !u.blocked, 'user without a role'),
  blocked: find((u) => u.blocked, 'blocked user'),
};
