/**
 * Chapter 5's exercise: the step-up Action taken out of the Login flow, the
 * tests that then fail (exactly those the chapter names); then the chapter's undo.
 */
import { Chapter, codeBlocks, countIn } from './chapter';
import { expectUndone } from './expectations';
import { failingTests } from './chapter-04';
import { ExerciseError, type ProjectCopy } from './project-copy';

const chapter = new Chapter('docs/tutorial/05-step-up-for-sensitive-actions.md');
const PATCH = 'docs/tutorial/exercises/05-unbind-the-action.patch';

export async function checkChapter5(copy: ProjectCopy, done: (what: string) => void) {
  const exercise = chapter.section('## Exercise: what the Action guards');
  const [command] = chapter.says(/```bash (npx jest [^`]+?) ```/, 'which command to run', exercise);
  const [count] = chapter.says(/(\w+) tests now fail/, 'how many tests fail', exercise);
  const named = [...exercise.replace(/\s+/g, ' ').matchAll(/- "([^"]+)" in \[/g)].map(
    ([, title]) => title!,
  );
  if (named.length !== countIn(count!)) {
    throw new ExerciseError(`the chapter says ${count} tests fail but names ${named.length}`);
  }

  // The patch deletes the exercise's YAML block: its lines are gone from the file.
  const [deleted] = codeBlocks(exercise).filter((block) => block.join(' ').trim() !== command);
  copy.apply(PATCH);
  const tenant = copy
    .read('auth0/tenant.yaml')
    .split('\n')
    .map((line) => line.trim());
  const lines = (deleted ?? []).map((line) => line.trim()).filter(Boolean);
  const left = lines.filter((line) => tenant.includes(line));
  if (!lines.length || left.length) {
    throw new ExerciseError(`the patch leaves ${JSON.stringify(left)} in auth0/tenant.yaml`);
  }
  done('the patch deletes the lines the chapter shows');

  const failing = failingTests(copy, command!);
  const unexpected = failing.filter((title) => !named.includes(title));
  const missing = named.filter((name) => !failing.includes(name));
  if (unexpected.length || missing.length) {
    throw new ExerciseError(
      `unbinding the Action should fail exactly the tests the chapter names; also failing: ${JSON.stringify(unexpected)}, not failing: ${JSON.stringify(missing)}`,
    );
  }
  done(`\`${command}\` fails exactly the ${count!.toLowerCase()} tests the chapter names`);

  const [undo] = chapter.says(
    /Undo the exercise with `(git checkout -- [^`]+)`/,
    'how to undo',
    exercise,
  );
  copy.mustRun(undo!);
  expectUndone(copy);
  done(`undo: \`${undo}\` restores the project`);
}
