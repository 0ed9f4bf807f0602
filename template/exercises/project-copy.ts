/**
 * A fresh copy of the project for one exercise, in a temporary folder: the
 * project's current files (no build output, test output, local secrets or
 * git history), its installed packages linked rather than copied, and a git
 * repository of its own, so that the chapter's `git checkout -- …` undo works
 * there exactly as it does for a reader.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../lib/project-env';
import { isProjectFile } from '../project-files';

export type CommandResult = { status: number; output: string };

export class ProjectCopy {
  private constructor(readonly dir: string) {}

  static create(name: string): ProjectCopy {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `exercise-${name}-`));
    fs.cpSync(projectRoot, dir, {
      recursive: true,
      // Installed packages are linked instead.
      filter: isProjectFile,
    });
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const copy = new ProjectCopy(dir);
    // The link is a file to git, so .gitignore's `node_modules/` does not cover it.
    copy.mustRun('git init --quiet && echo node_modules >> .git/info/exclude');
    copy.mustRun(
      'git add --all && git -c user.name=exercises -c user.email=exercises@localhost -c commit.gpgsign=false commit --quiet -m "The project as it is"',
    );
    return copy;
  }

  /** Runs a shell command in the copy, as a reader would type it. Never throws. */
  run(command: string): CommandResult {
    const result = spawnSync('bash', ['-c', command], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
  }

  mustRun(command: string): string {
    const { status, output } = this.run(command);
    if (status !== 0) throw new ExerciseError(`\`${command}\` failed`, output);
    return output;
  }

  /** Applies one of docs/tutorial/exercises/*.patch, as the reader's edits. */
  apply(patch: string) {
    this.mustRun(`git apply --whitespace=error-all "${path.join(projectRoot, patch)}"`);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  write(file: string, text: string) {
    fs.writeFileSync(path.join(this.dir, file), text);
  }

  exists(file: string): boolean {
    return fs.existsSync(path.join(this.dir, file));
  }

  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A broken promise: what the chapter says, and what happened instead. */
export class ExerciseError extends Error {
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(message);
  }
}
