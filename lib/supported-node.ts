/**
 * Refuses a Node.js older than the app supports, before anything fails far
 * from the cause.
 *
 * package.json's `engines` lists each supported LTS line from the first
 * release that every dependency accepts (docs/decisions/008-node-version.md).
 * npm only warns (EBADENGINE) when the running Node.js is outside it, and the
 * app then fails far from the cause. npm's own `engine-strict` would refuse it
 * at install, but it checks every dependency's `engines` too, and those lag
 * behind new Node.js lines: on Node.js 26, `npm ci --engine-strict` stops at
 * express-oauth2-jwt-bearer 1.10 (`engines` up to ^24). It also cannot see a
 * project installed with one Node.js and run with another. So next.config.ts
 * asks here first, and `next dev`, `next build` and `next start` stop with a
 * message that says what to install.
 *
 * A Node.js newer than the lines listed is let through: a new release line
 * should not stop an app that would most likely run on it.
 */
// Relative imports: next.config.ts loads this file, before the @/ alias exists.
import semver from 'semver';
import packageJson from '../package.json';

/** Why this Node.js is too old for the app, or undefined when it is not. */
export function nodeTooOld(
  version: string = process.versions.node,
  range: string = packageJson.engines.node,
): string | undefined {
  const oldest = semver.minVersion(range);
  if (!oldest || semver.gte(version, oldest)) return undefined;
  return (
    `Node.js ${version} is too old for this app: it needs ${oldest} or later ` +
    `(package.json "engines": ${range}). Install the version that .nvmrc names ` +
    `(\`nvm install\` or \`fnm use\` in the project folder), then run the command again.`
  );
}
