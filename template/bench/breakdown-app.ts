/**
 * The benchmark's own copy of the app, with breakdown routes added under
 * /api/bench/*: each measures one part of the BFF hop alone (see
 * template/bench/breakdown-routes/).
 *
 * Why a copy in a temporary folder: those routes must never ship in the app
 * people deploy. Adding them to `pages/` would ship them; generating them into
 * `pages/` only for the benchmark's build would leave them in the project's
 * `.next/` (the next `npm start` would serve them) and in the source tree if
 * the benchmark were interrupted. The copy is built and started on its own, the
 * project's files and its `.next/` are never touched, and the real routes in
 * the copy are the ones users deploy, built the same way. `node_modules` is
 * linked, not copied.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../lib/project-env';
import { isProjectFile } from '../project-files';

const routesDir = path.join(__dirname, 'breakdown-routes');

/** Where the copy lives: one folder per project checkout, reused by --no-build. */
export function breakdownAppDir(): string {
  const id = crypto.createHash('sha256').update(projectRoot).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `bench-app-${id}`);
}

/** Copies the project's current files and adds the breakdown routes. Returns the copy's folder. */
export function prepareBreakdownApp(): string {
  const dir = breakdownAppDir();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(projectRoot, dir, {
    recursive: true,
    // Installed packages are linked instead.
    filter: isProjectFile,
  });
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const target = path.join(dir, 'pages', 'api', 'bench');
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(routesDir)) {
    fs.copyFileSync(path.join(routesDir, file), path.join(target, file));
  }
  return dir;
}
