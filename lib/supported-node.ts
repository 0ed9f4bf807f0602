/**
 * Refuses a Node.js older than the app supports, before anything fails far
 * from the cause.
 *
 * package.json's `engines` lists each supported LTS line from the first
 * release that every dependency accepts (docs/decisions/008-node-version.md).
 * npm only warns (EBADENGINE) when the running Node.js is outside it, and an
 * older one then breaks somewhere else: on Node.js 22.13, for one, undici 8
 * throws a TypeError at its first import, which is the first call to
 * /api/products. next.config.ts asks here first, so `next dev`, `next build`
 * and `next start` stop with a message that says what to install.
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
