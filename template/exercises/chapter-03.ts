/**
 * Chapter 3's "Try it": a 30-second access token, then a login without a
 * refresh token; then the chapter's undo. What the reader watches in the
 * browser is checked in the tokens the local Auth0 issues from the copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { login, tokenRequest, tokensFor } from '@/services/auth0-local/browserless-login';
import { demoUsers, users } from '@/test-helpers/demo-users';
import { REDIRECT_URI, startLocalAuth0 } from '@/services/auth0-local/test-server';
import { Chapter } from './chapter';
import { expectUndone } from './expectations';
import { ExerciseError, type ProjectCopy } from './project-copy';

const chapter = new Chapter('docs/tutorial/03-access-token-on-the-server.md');
const AUTH0_PORT = 4692;
const TENANT = 'auth0/tenant.yaml';

export async function checkChapter3(copy: ProjectCopy, done: (what: string) => void) {
  const tryIt = chapter.section('## Try it: watch a refresh happen');
  const [shipped, short] = chapter.says(
    /change the Products API's `token_lifetime: (\d+)` to `token_lifetime: (\d+)`/,
    'which token lifetime to change',
    tryIt,
  ) as [string, string];
  const [removed] = chapter.says(
    /Copy `\.env\.local\.example` to `\.env\.local` and remove `([^`]+)` from `AUTH0_SCOPE`/,
    'which scope to remove',
    tryIt,
  ) as [string];
  const [undo] = chapter.says(
    /Undo both changes \(`(git checkout -- [^`]+)` and delete `\.env\.local`\)/,
    'how to undo',
    tryIt,
  ) as [string];

  // Step 1: the tenant file has the lifetime the chapter quotes, once.
  const tenant = copy.read(TENANT);
  const line = `token_lifetime: ${shipped}`;
  if (tenant.split(line).length !== 2) {
    throw new ExerciseError(`${TENANT} should have "${line}" once, for the Products API`);
  }
  copy.write(TENANT, tenant.replace(line, `token_lifetime: ${short}`));

  // Step 3: .env.local without the scope.
  const example = copy.read('.env.local.example');
  const scope = parseEnv(example).AUTH0_SCOPE?.split(' ') ?? [];
  if (!scope.includes(removed)) {
    throw new ExerciseError(`AUTH0_SCOPE in .env.local.example has no ${removed}`);
  }
  const reduced = scope.filter((s) => s !== removed).join(' ');
  copy.write('.env.local', example.replace(/^AUTH0_SCOPE=.*$/m, `AUTH0_SCOPE=${reduced}`));

  const { password } = demoUsers();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exercise-auth0-'));
  const auth0 = await startLocalAuth0(AUTH0_PORT, { dataDir, cwd: copy.dir });
  try {
    const { client } = auth0;
    const tokens = await tokensFor(client, users.employee.email, password);
    if (tokens.expires_in !== Number(short) || !tokens.refresh_token) {
      throw new ExerciseError(
        `step 1: expected a ${short}-second access token and a refresh token, got expires_in ${tokens.expires_in}, refresh token ${tokens.refresh_token ? 'yes' : 'no'}`,
      );
    }
    done(`step 1: the local Auth0 issues ${short}-second access tokens, with a refresh token`);

    const { callback } = await login(client, users.employee.email, password, { scope: reduced });
    const code = callback?.searchParams.get('code');
    if (!code) throw new ExerciseError(`step 3: the login with "${reduced}" failed`);
    const { body } = await tokenRequest(client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    if (!body.access_token || 'refresh_token' in body) {
      throw new ExerciseError(
        `step 3: expected tokens without a refresh token, got ${Object.keys(body)}`,
      );
    }
    done(`step 3: without ${removed} in AUTH0_SCOPE, no refresh token`);
  } finally {
    await auth0.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  copy.mustRun(`${undo} && rm .env.local`);
  expectUndone(copy);
  if (copy.exists('.env.local')) throw new ExerciseError('.env.local is still there');
  done(`step 5: \`${undo}\` and deleting .env.local restore the project`);
}
