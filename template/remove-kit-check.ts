/**
 * `npm run template:remove:check`: removing the kit leaves a green app.
 *
 * Exports the committed files (export-project.ts) into a temporary folder,
 * commits them there as a new app's first commit (as create-next-app does),
 * runs `npm run template:remove` in it (which must succeed on that clean
 * tree without --force), then installs from the resulting lockfile with
 * `npm ci` and runs `npm run validate` there: lint, types, Jest, the Deploy
 * CLI's checks and the e2e tests, on the same ports as the project's own e2e
 * run (so not at the same time as one). The folder is always removed.
 *
 * Only the removal and what follows it: template:check already shows that
 * the template as exported installs, builds and passes its unit tests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exportProject } from './export-project';
import { KIT_DIR } from './kit';

let dir: string | undefined;
const run = (command: string, args: string[]) => {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, CI: 'true' },
    shell: process.platform === 'win32',
  });
};
const git = (...args: string[]) =>
  run('git', ['-c', 'user.name=template', '-c', 'user.email=template@example.com', ...args]);

let failed = false;
try {
  dir = exportProject('template-remove-check-');
  git('init', '--quiet');
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '--message', 'From the template');
  // The removal runs its npm commands against an installed project, as a user's is.
  run('npm', ['ci', '--no-audit', '--no-fund']);
  run('npm', ['run', 'template:remove']);
  if (fs.existsSync(path.join(dir, KIT_DIR))) throw new Error(`${KIT_DIR}/ is still there`);
  git('status', '--short');
  // A fresh install from what the removal left: package.json and the lockfile agree.
  run('npm', ['ci', '--no-audit', '--no-fund']);
  run('npm', ['run', 'validate']);
  console.log('\ntemplate:remove:check: without the kit, the app installs and passes validate.');
} catch (error) {
  console.error(`\ntemplate:remove:check failed: ${(error as Error).message}`);
  failed = true;
} finally {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
