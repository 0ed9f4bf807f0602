/**
 * Chapter 4's exercise: a delete:products permission from the tenant file down
 * to a route, the tests it breaks (exactly those the chapter names), the
 * tests it adds; then the chapter's undo.
 */
import fs from 'node:fs';
import { Chapter, codeBlocks, countIn } from './chapter';
import {
  changedFiles,
  expectBlocksApplied,
  expectFastPartsGreen,
  expectJestTotals,
  expectUndone,
} from './expectations';
import { ExerciseError, type ProjectCopy } from './project-copy';

const chapter = new Chapter('docs/tutorial/04-protect-the-api.md');
const PATCHES = 'docs/tutorial/exercises/04';

type JestJson = { testResults: { assertionResults: { title: string; status: string }[] }[] };

export async function checkChapter4(copy: ProjectCopy, done: (what: string) => void) {
  const exercise = chapter.section('## Exercise: add a `delete:products` permission');
  const [command, count] = chapter.says(
    /```bash (npx jest [^`]+?) ``` (\w+) existing tests now fail/,
    'which command to run and how many tests fail',
    exercise,
  ) as [string, string];
  const named = [...exercise.replace(/\s+/g, ' ').matchAll(/- "([^"]+)" in \[/g)].map(
    ([, title]) => title!,
  );
  if (named.length !== countIn(count)) {
    throw new ExerciseError(`the chapter says ${count} tests fail but names ${named.length}`);
  }
  const [passed, total] = chapter.says(
    /the same command ends with `Tests: (\d+) passed, (\d+) total`/,
    'how many tests pass in the end',
    exercise,
  ) as [string, string];

  copy.apply(`${PATCHES}-1-delete-products.patch`);
  const failing = failingTests(copy, command);
  const matches = (title: string, name: string) =>
    name.endsWith('…') ? title.startsWith(name.slice(0, -1).trimEnd()) : title === name;
  const unexpected = failing.filter((title) => !named.some((name) => matches(title, name)));
  const missing = named.filter((name) => !failing.some((title) => matches(title, name)));
  if (unexpected.length || missing.length) {
    throw new ExerciseError(
      `steps 1 to 6 should fail exactly the tests the chapter names; also failing: ${JSON.stringify(unexpected)}, not failing: ${JSON.stringify(missing)}`,
    );
  }
  done(
    `steps 1 to 6: \`${command}\` fails exactly the ${count.toLowerCase()} tests the chapter names`,
  );

  copy.apply(`${PATCHES}-2-delete-tests.patch`);
  expectJestTotals(copy.run(command), Number(passed), Number(total));
  done(`step 7: the same command → ${passed} passed, ${total} total`);

  // Every block but the command: the lines the reader adds.
  const additions = codeBlocks(exercise).filter((block) => block.join(' ').trim() !== command);
  expectBlocksApplied(copy, additions, changedFiles(copy));
  done('every code block of the exercise is in the patches');

  expectFastPartsGreen(copy);
  done('npm run lint and npm run typecheck pass with the changes');

  const [undo] = chapter.says(
    /undo the exercise with `(git checkout -- [^`]+)`/,
    'how to undo',
    exercise,
  );
  copy.mustRun(undo!);
  expectUndone(copy);
  done(`undo: \`${undo}\` restores the project`);
}

/** The titles of the tests that fail, from Jest's JSON report. */
export function failingTests(copy: ProjectCopy, command: string): string[] {
  const report = `${copy.dir}/.jest-report.json`;
  const { output } = copy.run(`${command} --json --outputFile=.jest-report.json`);
  if (!fs.existsSync(report)) throw new ExerciseError('Jest wrote no report', output);
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as JestJson;
  fs.rmSync(report);
  return json.testResults.flatMap((file) =>
    file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.title),
  );
}
