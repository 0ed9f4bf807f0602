/**
 * `npm run template:check`: the project works as `create-next-app --example`
 * hands it to a new user.
 *
 * Exports the committed files (git archive HEAD: nothing untracked, nothing
 * ignored) into a temporary folder outside the repository, installs from the
 * lockfile, copies .env.local.example to .env.local as the README says,
 * builds, and runs the unit tests there.
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../lib/project-env';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-check-'));
const run = (command: string, args: string[]) => {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: dir, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
};

try {
  execSync(`git archive --format=tar HEAD | tar -x -C "${dir}"`, {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  console.log(`Exported HEAD to ${dir}`);
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.copyFileSync(path.join(dir, '.env.local.example'), path.join(dir, '.env.local'));
  run('npm', ['run', 'build']);
  run('npm', ['run', 'test:unit', '--', '--silent']);
  console.log(
    '\ntemplate:check: the exported template installs, builds and passes its unit tests.',
  );
} catch {
  console.error(`\ntemplate:check failed (the export is kept in ${dir} to look at).`);
  process.exit(1);
}
fs.rmSync(dir, { recursive: true, force: true });
