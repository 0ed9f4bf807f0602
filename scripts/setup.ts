/**
 * `npm run setup`: writes .env.local for your Auth0 tenant.
 *
 * Asks for the tenant's domain and the application's credentials (or takes
 * them as --domain, --client-id, --client-secret, --audience, --base-url,
 * --products-api-url),
 * generates a fresh AUTH0_SECRET, checks everything with lib/env-schema.ts, and
 * refuses to overwrite an existing .env.local unless --force is given.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_SCOPE, InvalidEnvError, parseServerEnv } from '../lib/env-schema';
import { projectRoot } from '../lib/project-env';

const { values: flags } = parseArgs({
  options: {
    domain: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    audience: { type: 'string' },
    'base-url': { type: 'string' },
    'products-api-url': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const target = path.join(projectRoot, '.env.local');

async function main() {
  if (fs.existsSync(target) && !flags.force) {
    throw new Error(
      '.env.local already exists. Edit it, or run `npm run setup -- --force` to replace it.',
    );
  }

  const prompt = process.stdin.isTTY
    ? createInterface({ input: process.stdin, output: process.stdout })
    : null;
  async function ask(
    question: string,
    given: string | undefined,
    fallback?: string,
  ): Promise<string> {
    if (given) return given;
    if (!prompt) {
      if (fallback !== undefined) return fallback;
      throw new Error(
        `${question}: pass it as a flag (see scripts/setup.ts) when not running in a terminal.`,
      );
    }
    const answer = (
      await prompt.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)
    ).trim();
    return answer || fallback || '';
  }

  console.log(
    'Values from your Auth0 Dashboard → Applications → your Regular Web Application → Settings.\n',
  );
  const domain = (await ask('Domain (e.g. my-tenant.us.auth0.com)', flags.domain))
    .replace(/^https:\/\//, '')
    .replace(/\/$/, '');
  const env = {
    AUTH0_DOMAIN: domain,
    AUTH0_CLIENT_ID: await ask('Client ID', flags['client-id']),
    AUTH0_CLIENT_SECRET: await ask('Client Secret', flags['client-secret']),
    AUTH0_SECRET: crypto.randomBytes(32).toString('hex'),
    APP_BASE_URL: await ask('App URL', flags['base-url'], 'http://localhost:3000'),
    AUTH0_AUDIENCE: await ask(
      'API identifier (audience)',
      flags.audience,
      'https://products-api.example.com',
    ),
    AUTH0_SCOPE: DEFAULT_SCOPE,
    PRODUCTS_API_URL: await ask(
      'Products API URL',
      flags['products-api-url'],
      'http://localhost:4000',
    ),
    PRODUCTS_API_TIMEOUT_MS: '5000',
  };
  prompt?.close();

  parseServerEnv(env);
  const lines = Object.entries(env).map(([key, value]) => `${key}=${value}`);
  fs.writeFileSync(
    target,
    `# Written by npm run setup. See .env.local.example for what each variable does.\n${lines.join('\n')}\n`,
    {
      mode: 0o600,
    },
  );
  console.log(
    `\nWrote .env.local with a new AUTH0_SECRET. Run \`npm run dev\`: it uses ${domain} now.`,
  );
}

main().catch((error) => {
  console.error(error instanceof InvalidEnvError || error instanceof Error ? error.message : error);
  process.exit(1);
});
