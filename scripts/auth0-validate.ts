/**
 * `npm run auth0:validate [file…]`: checks auth0/tenant.yaml the way the Auth0
 * Deploy CLI does before it touches a tenant: its own YAML loader (keyword
 * replacement, the Actions' code read from their files) and its own schema,
 * and for what `npm run auth0:deploy` would not send (scripts/auth0-deploy/tenant-file.ts).
 * Prints the problems and exits 1 if there are any.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
// The Deploy CLI's internals: the same loader and schema its import command uses.
import YAMLContext from 'auth0-deploy-cli/lib/context/yaml';
import schema from 'auth0-deploy-cli/lib/tools/auth0/schema';
import { parse } from 'yaml';
import { unsentParts } from './auth0-deploy/tenant-file';
import { tenantKeywords } from '../auth0/keywords';
import { projectRoot } from '../lib/project-env';

export async function validateTenantFile(file: string, appBaseUrl = 'https://app.example.com') {
  // Loading from disk needs only these settings, and no Management API client.
  const loaderConfig = {
    AUTH0_INPUT_FILE: file,
    AUTH0_KEYWORD_REPLACE_MAPPINGS: tenantKeywords(appBaseUrl),
  };
  const context = new YAMLContext(
    loaderConfig as unknown as ConstructorParameters<typeof YAMLContext>[0],
    {} as never,
  );
  await context.loadAssetsFromLocal();
  const assets = Object.fromEntries(
    Object.entries(context.assets).filter(([, value]) => value != null),
  );
  // The options of the Deploy CLI's own validation step.
  const ajv = new Ajv({ useDefaults: true, nullable: true });
  const errors = ajv.validate(schema, assets)
    ? []
    : (ajv.errors ?? []).map((e) => `${e.dataPath || '(root)'} ${e.message}`);
  errors.push(...unsentParts(parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>));
  return { valid: errors.length === 0, errors, assets };
}

if (require.main === module) {
  const json = process.argv.includes('--json');
  const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  if (files.length === 0) files.push(path.join(projectRoot, 'auth0', 'tenant.yaml'));
  (async () => {
    let allValid = true;
    for (const file of files.map((f) => path.resolve(f))) {
      const result = await validateTenantFile(file).catch((error: Error) => ({
        valid: false,
        errors: [`cannot load: ${error.message}`],
        assets: {},
      }));
      allValid &&= result.valid;
      if (json) {
        console.log(JSON.stringify({ file, ...result }));
      } else if (result.valid) {
        console.log(`${path.relative(process.cwd(), file)} is valid for the Auth0 Deploy CLI.`);
      } else {
        console.error(
          `${file} is not valid for the Auth0 Deploy CLI:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`,
        );
      }
    }
    process.exit(allValid ? 0 : 1);
  })();
}
