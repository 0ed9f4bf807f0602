/**
 * `npm run template:check`: the project works as `create-next-app --example`
 * hands it to a new user.
 *
 * Exports the committed files (git archive HEAD: nothing untracked, nothing
 * ignored) into a temporary folder outside the repository, installs from the
 * lockfile, copies .env.local.example to .env.local as the README says,
 * builds, and runs the unit tests there. Outside a git checkout (a project
 * made with create-next-app has no history yet) it copies the working tree
 * instead, leaving out what git would ignore. The folder is always removed.
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../lib/project-env';
import { isProjectFile } from './project-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-check-'));
const run = (command: string, args: string[]) => {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: dir, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
};

function isGitCheckout(): boolean {
  try {
    execSync('git rev-parse --verify HEAD', { cwd: projectRoot, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let failed = false;
try {
  if (isGitCheckout()) {
    execSync(`git archive --format=tar HEAD | tar -x -C "${dir}"`, {
      cwd: projectRoot,
      stdio: 'inherit',
    });
    console.log(`Exported HEAD to ${dir}`);
  } else {
    fs.cpSync(projectRoot, dir, {
      recursive: true,
      filter: isProjectFile,
    });
    console.log(`Not a git checkout: copied the working tree to ${dir}`);
  }
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.copyFileSync(path.join(dir, '.env.local.example'), path.join(dir, '.env.local'));
  run('npm', ['run', 'build']);
  run('npm', ['test', '--', '--silent']);
  console.log(
    '\ntemplate:check: the exported template installs, builds and passes its unit tests.',
  );
} catch {
  console.error('\ntemplate:check failed: see the output above.');
  failed = true;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
