/**
 * Chapter 2's exercise: a locale claim in the ID token, a tier claim in the
 * access token, a helper to read it, a test for the Action; then the
 * checkpoint's commands, and the chapter's undo.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { tokensFor } from '@/services/auth0-local/browserless-login';
import { demoUsers } from '@/test-helpers/demo-users';
import { startLocalAuth0 } from '@/services/auth0-local/test-server';
import { CLAIMS_NAMESPACE } from '@/test-helpers/project';
import { Chapter, codeBlocks } from './chapter';
import {
  changedFiles,
  expectBlocksApplied,
  expectFastPartsGreen,
  expectJestTotals,
  expectUndone,
} from './expectations';
import { ExerciseError, type ProjectCopy } from './project-copy';

const chapter = new Chapter('docs/tutorial/02-custom-claims-with-an-action.md');
const PATCHES = 'docs/tutorial/exercises/02';
const AUTH0_PORT = 4691;
const ACTION = 'auth0/actions/add-custom-claims.js';

export async function checkChapter2(copy: ProjectCopy, done: (what: string) => void) {
  const exercise = chapter.section('## Exercise: add a claim of your own');
  const checkpoint = chapter.section('## Checkpoint');
  const [command, withoutTest, total, withTest] = chapter.says(
    /```bash (npx jest [^`]+?) ``` ends with `Tests: (\d+) passed, (\d+) total` \((\d+) if you added the test above\)/,
    'which command runs the Action tests and how many pass',
    checkpoint,
  ) as [string, string, string, string];
  if (withoutTest !== total)
    throw new ExerciseError(`checkpoint 4 says ${withoutTest} of ${total}`);

  copy.apply(`${PATCHES}-1-locale-claim.patch`);
  copy.apply(`${PATCHES}-2-tier-claim.patch`);
  expectJestTotals(copy.run(command), Number(withoutTest), Number(total));
  done(`parts 1 and 2: \`${command}\` → ${withoutTest} passed, ${total} total`);

  await expectClaimsInTokens(copy, checkpoint);
  done('checkpoints 1 and 2: the locale in the ID token only, the tier for Sam only');

  copy.apply(`${PATCHES}-3-action-test.patch`);
  expectJestTotals(copy.run(command), Number(withTest), Number(withTest));
  done(`with the test: \`${command}\` → ${withTest} passed, ${withTest} total`);

  expectBlocksApplied(copy, codeBlocks(exercise), changedFiles(copy));
  done('every code block of the exercise is in the patches');

  expectFastPartsGreen(copy);
  done('npm run lint and npm run typecheck pass with the changes');

  const [otherNamespace, namespaceCommand] = chapter.says(
    /Change `NAMESPACE` in the Action to `'([^']+)'` and run `([^`]+)`: it fails\. Change it back: it passes\./,
    'how to see the namespace test fail',
    checkpoint,
  ) as [string, string];
  const action = copy.read(ACTION);
  const line = `const NAMESPACE = '${CLAIMS_NAMESPACE}';`;
  if (!action.includes(line)) throw new ExerciseError(`${ACTION} has no line ${line}`);
  copy.write(ACTION, action.replace(line, `const NAMESPACE = '${otherNamespace}';`));
  const other = copy.run(namespaceCommand);
  if (other.status === 0) throw new ExerciseError(`\`${namespaceCommand}\` passed`, other.output);
  copy.write(ACTION, action);
  copy.mustRun(namespaceCommand);
  done(`checkpoint 5: \`${namespaceCommand}\` fails with another namespace, passes again`);

  const [undo] = chapter.says(/undo them with `(git checkout -- [^`]+)`/, 'how to undo', exercise);
  copy.mustRun(undo!);
  expectUndone(copy);
  expectJestTotals(copy.run(command), Number(withoutTest), Number(total));
  done(`undo: \`${undo}\` restores the project; \`${command}\` → ${total} passed`);
}

/** Checkpoints 1 and 2, without a browser: the tokens the local Auth0 issues from the copy. */
async function expectClaimsInTokens(copy: ProjectCopy, checkpoint: string) {
  const [email, claim, value] = chapter.says(
    /as `([^`]+@[^`]+)`.*?shows `"([^"]+)": "([^"]+)"` in the \*\*Session user\*\* panel, and not in the \*\*Access token\*\* panel/,
    'which locale claim Sam sees',
    checkpoint,
  ) as [string, string, string];
  const [tierClaim, tier, nameWithoutTier] = chapter.says(
    /panel shows `"([^"]+)": "([^"]+)"` for Sam, and no `tier` for (\w+), who has none/,
    'which tier claim Sam sees',
    checkpoint,
  ) as [string, string, string];

  const { password, users } = demoUsers();
  const withoutTier = users.find((user) => user.name.startsWith(nameWithoutTier));
  if (!withoutTier) throw new ExerciseError(`auth0/local-users.yaml has no ${nameWithoutTier}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exercise-auth0-'));
  const auth0 = await startLocalAuth0(AUTH0_PORT, { dataDir, cwd: copy.dir });
  try {
    const { client } = auth0;
    const tokens = await tokensFor(client, email, password);
    const idToken = decodeJwt(tokens.id_token);
    const accessToken = decodeJwt(tokens.access_token);
    const other = decodeJwt((await tokensFor(client, withoutTier.email, password)).access_token);
    if (idToken[claim] !== value || claim in accessToken) {
      throw new ExerciseError(
        `${claim}: expected "${value}" in the ID token only, got ${JSON.stringify([idToken[claim], accessToken[claim]])}`,
      );
    }
    if (accessToken[tierClaim] !== tier || tierClaim in other) {
      throw new ExerciseError(
        `${tierClaim}: expected "${tier}" for ${email} only, got ${JSON.stringify([accessToken[tierClaim], other[tierClaim]])}`,
      );
    }
  } finally {
    await auth0.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
