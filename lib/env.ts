/**
 * The app's configuration, parsed once, when the server loads its first
 * module that needs it. Import `env` from here in server code:
 *
 *   import { env } from '@/lib/env';
 *   fetch(new URL('/products', env.PRODUCTS_API_URL));
 *
 * The rules, and the messages that name a wrong variable, are in
 * lib/env-schema.ts. next.config.ts applies the same rules before the app
 * starts, so a wrong variable stops `npm run dev`, `next build` and
 * `next start` with that message rather than failing here.
 */
import './server-only';
import { buildsWithoutSecrets, parseServerEnv, type ServerEnv } from './env-schema';

export const env: ServerEnv = parseServerEnv(process.env, {
  // During `BUILD_WITHOUT_SECRETS=1 next build`, Next.js loads the pages to
  // collect them: the secrets are not there yet (docs/configuration.md).
  withoutSecrets: buildsWithoutSecrets(process.env, process.env.NEXT_PHASE),
});
