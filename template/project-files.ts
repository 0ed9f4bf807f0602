/**
 * Which files of a working tree belong to the project when the template's
 * checks copy it: not installed packages, build or test output, local secrets
 * and keys, or git's own folder (what .gitignore keeps out, plus .git).
 */
import path from 'node:path';

const notProject = new Set([
  'node_modules',
  '.next',
  '.swc',
  '.git',
  'coverage',
  'test-results',
  'playwright-report',
  'blob-report',
  '.auth',
  '.data',
  'next-env.d.ts',
]);

/** A filter for fs.cpSync: false for what is not part of the project. */
export function isProjectFile(source: string): boolean {
  const name = path.basename(source);
  return !notProject.has(name) && !/^\.env.*\.local$/.test(name) && !name.endsWith('.tsbuildinfo');
}
