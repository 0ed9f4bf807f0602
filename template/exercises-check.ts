/**
 * `npm run exercises:check`: every tutorial exercise does what its chapter
 * says. For each one: a fresh copy of the project, the exercise applied from
 * the patches in docs/tutorial/exercises/, the commands the chapter tells the
 * reader to run, their results compared with what the chapter promises (read
 * from the chapter's text, test counts included), npm test's fast parts on
 * the changed project, then the chapter's undo, which must restore the project.
 *
 * Starts the local Auth0 on fixed ports: run it alone (as CI does).
 */
import { checkChapter2 } from './exercises/chapter-02';
import { checkChapter3 } from './exercises/chapter-03';
import { checkChapter4 } from './exercises/chapter-04';
import { checkChapter5 } from './exercises/chapter-05';
import { ExerciseError, ProjectCopy } from './exercises/project-copy';

const exercises = [
  { name: 'chapter 2, add a claim of your own', copyName: '02', check: checkChapter2 },
  { name: 'chapter 3, watch a refresh happen', copyName: '03', check: checkChapter3 },
  { name: 'chapter 4, add a delete:products permission', copyName: '04', check: checkChapter4 },
  { name: 'chapter 5, take the step-up Action out', copyName: '05', check: checkChapter5 },
];

/** Command output, indented so that it reads as a quote (and no summary parser counts it). */
const quoted = (output: string) =>
  output
    .trimEnd()
    .split('\n')
    .slice(-60)
    .map((line) => `    │ ${line}`)
    .join('\n');

async function main() {
  const only = process.argv.slice(2);
  let failed = 0;
  for (const exercise of exercises) {
    if (only.length && !only.includes(exercise.copyName)) continue;
    console.log(`\n${exercise.name}`);
    const started = Date.now();
    const copy = ProjectCopy.create(exercise.copyName);
    try {
      await exercise.check(copy, (what) => console.log(`  ✓ ${what}`));
      console.log(`  (${Math.round((Date.now() - started) / 1000)} s)`);
    } catch (error) {
      failed++;
      console.error(`  ✗ ${error instanceof Error ? error.message : String(error)}`);
      if (error instanceof ExerciseError && error.output) console.error(quoted(error.output));
    } finally {
      copy.remove();
    }
  }
  if (failed) {
    console.error(`\nexercises:check: ${failed} exercise(s) no longer do what their chapter says.`);
    process.exit(1);
  }
  console.log('\nexercises:check: every exercise does what its chapter says.');
}

void main();
