/**
 * `npm run auth0:deploy`: creates or updates in your tenant what auth0/tenant.yaml
 * describes (the application, the API, the roles, the Action and its binding to
 * the Login flow), with the Auth0 Deploy CLI.
 *
 * Credentials come from the environment only (or .env.local), never from a file
 * in the repository: a machine-to-machine application authorized for the
 * Management API.
 *   AUTH0_DEPLOY_DOMAIN         your-tenant.us.auth0.com
 *   AUTH0_DEPLOY_CLIENT_ID      the machine-to-machine application's Client ID
 *   AUTH0_DEPLOY_CLIENT_SECRET  … and Client Secret
 *   APP_BASE_URL                replaces ##APP_BASE_URL## (callback and logout URLs)
 *
 * `npm run auth0:deploy -- --dry-run` shows what would change without changing it.
 * Nothing is ever deleted from the tenant (AUTH0_ALLOW_DELETE is false).
 */
import path from 'node:path';
import { deploy } from 'auth0-deploy-cli';
import { loadProjectEnv, projectRoot } from './project-env';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Create a Machine to Machine application authorized for the Auth0 Management API ` +
        '(see docs/tutorial/05-connect-your-auth0-tenant.md) and set AUTH0_DEPLOY_DOMAIN, AUTH0_DEPLOY_CLIENT_ID ' +
        'and AUTH0_DEPLOY_CLIENT_SECRET in your shell or .env.local.',
    );
  }
  return value;
}

async function main() {
  loadProjectEnv();
  const dryRun = process.argv.includes('--dry-run');
  const domain = required('AUTH0_DEPLOY_DOMAIN');
  const appBaseUrl = required('APP_BASE_URL');
  if (domain.startsWith('http://'))
    throw new Error('AUTH0_DEPLOY_DOMAIN must be your tenant, not the local Auth0.');

  console.log(
    `${dryRun ? 'Previewing' : 'Deploying'} auth0/tenant.yaml to ${domain} (APP_BASE_URL=${appBaseUrl})…`,
  );
  await deploy({
    input_file: path.join(projectRoot, 'auth0', 'tenant.yaml'),
    ...(dryRun ? { dry_run: true } : {}),
    config: {
      AUTH0_DOMAIN: domain,
      AUTH0_CLIENT_ID: required('AUTH0_DEPLOY_CLIENT_ID'),
      AUTH0_CLIENT_SECRET: required('AUTH0_DEPLOY_CLIENT_SECRET'),
      AUTH0_KEYWORD_REPLACE_MAPPINGS: { APP_BASE_URL: appBaseUrl },
      AUTH0_ALLOW_DELETE: false,
    },
  });
  if (!dryRun) {
    console.log(
      '\nDone. Copy the Client ID and Client Secret of "Next.js Auth0 Starter" (Applications) into .env.local, ' +
        'or run `npm run setup`. Assign the roles to your users in User Management.',
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
