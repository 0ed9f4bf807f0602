/**
 * `npm run template:check`: the project works as `create-next-app --example`
 * hands it to a new user.
 *
 * Exports the committed files (export-project.ts) into a temporary folder
 * outside the repository, installs from the lockfile, copies
 * .env.local.example to .env.local as the README says, builds, and runs the
 * unit tests there. The folder is always removed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exportProject } from './export-project';

let dir: string | undefined;
const run = (command: string, args: string[]) => {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: dir, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
};

let failed = false;
try {
  dir = exportProject('template-check-');
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
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
