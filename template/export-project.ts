/**
 * Exports the project into a new temporary folder outside the repository, as
 * `create-next-app --example` hands it to a new user: the committed files
 * (git archive HEAD: nothing untracked, nothing ignored). Outside a git
 * checkout (a project made with create-next-app has no history yet) it
 * copies the working tree instead, leaving out what git would ignore. Used by
 * template:check and template:remove:check; the caller removes the folder.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../lib/project-env';
import { isProjectFile } from './project-files';

export function isGitCheckout(dir: string = projectRoot): boolean {
  try {
    execSync('git rev-parse --verify HEAD', { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The new folder's path. */
export function exportProject(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (isGitCheckout()) {
    execSync(`git archive --format=tar HEAD | tar -x -C "${dir}"`, {
      cwd: projectRoot,
      stdio: 'inherit',
    });
    console.log(`Exported HEAD to ${dir}`);
  } else {
    fs.cpSync(projectRoot, dir, { recursive: true, filter: isProjectFile });
    console.log(`Not a git checkout: copied the working tree to ${dir}`);
  }
  return dir;
}
