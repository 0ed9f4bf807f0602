/** What every exercise check asserts about its copy of the project. */
import { ExerciseError, type CommandResult, type ProjectCopy } from './project-copy';

/** Jest's closing "Tests: … passed, … total" line. */
export function jestSummary(output: string): { passed: number; failed: number; total: number } {
  const line = output.match(/^Tests:\s+(.*)$/m)?.[1];
  if (!line) throw new ExerciseError('Jest printed no "Tests:" summary', output);
  const count = (kind: string) => Number(line.match(new RegExp(`(\\d+) ${kind}`))?.[1] ?? 0);
  return { passed: count('passed'), failed: count('failed'), total: count('total') };
}

export function expectJestTotals(result: CommandResult, passed: number, total: number) {
  const summary = jestSummary(result.output);
  if (result.status !== 0 || summary.passed !== passed || summary.total !== total) {
    throw new ExerciseError(
      `expected "Tests: ${passed} passed, ${total} total", got "${summary.passed} passed, ${summary.failed} failed, ${summary.total} total"`,
      result.output,
    );
  }
}

/**
 * Every code block the chapter asks the reader to add is in the copy after the
 * exercise's patches, so the patches do what the chapter says. Lines are
 * compared without their indentation and blank lines: the chapter shows YAML
 * items without the nesting they get in the file, and Prettier re-indents
 * code in Markdown.
 */
export function expectBlocksApplied(copy: ProjectCopy, blocks: string[][], files: string[]) {
  const meaningful = (text: string[]) => text.map((line) => line.trim()).filter(Boolean);
  const texts = files.map((file) => meaningful(copy.read(file).split('\n')));
  for (const block of blocks) {
    const wanted = meaningful(block);
    const found = texts.some((lines) =>
      lines.some((_, start) => wanted.every((line, i) => lines[start + i] === line)),
    );
    if (!found) {
      throw new ExerciseError(
        `this block of the chapter is in none of ${files.join(', ')} after the patches:\n${wanted.join('\n')}`,
      );
    }
  }
}

/** The fast parts of npm test: lint (ESLint and Prettier) and the type check. */
export function expectFastPartsGreen(copy: ProjectCopy) {
  copy.mustRun('npm run lint');
  copy.mustRun('npm run typecheck');
}

/** After the chapter's undo, the copy is the project again: nothing changed, nothing left over. */
export function expectUndone(copy: ProjectCopy) {
  const left = copy.mustRun('git status --porcelain --untracked-files=all').trim();
  if (left) throw new ExerciseError(`the chapter's undo leaves changes behind:\n${left}`);
}

/** The files the patches change (for expectBlocksApplied). */
export function changedFiles(copy: ProjectCopy): string[] {
  return copy
    .mustRun('git diff --name-only HEAD && git ls-files --others --exclude-standard')
    .split('\n')
    .filter(Boolean);
}
