import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER, PHASE_TEST } from 'next/constants';
import { refuseBuildForAnotherConfiguration } from './lib/build-configuration';
import {
  buildsWithoutSecrets,
  InvalidEnvError,
  parseServerEnv,
  RUNTIME_SECRETS,
  type ServerEnv,
} from './lib/env-schema';
import { securityHeaderRules } from './lib/security-headers';
import { ServerOnlyCheck } from './lib/server-only-check';
import { nodeTooOld } from './lib/supported-node';

export default function config(phase: string): NextConfig {
  // Fail fast: a Node.js too old for the app, or a wrong or missing variable,
  // stops `dev`, `build` and `start` here, with a message naming it, rather
  // than in the middle of a login.
  // (Unit tests load this file too; they bring their own values.)
  let env: ServerEnv | undefined;
  if (phase !== PHASE_TEST) {
    const tooOld = nodeTooOld();
    if (tooOld) {
      console.error(`\n${tooOld}\n`);
      process.exit(1);
    }
    // A container image can be built without its secrets and receive them at
    // `next start`, which checks them (docs/configuration.md).
    const withoutSecrets = buildsWithoutSecrets(process.env, phase);
    if (withoutSecrets) {
      console.log(
        `BUILD_WITHOUT_SECRETS=1: this build does not read ${RUNTIME_SECRETS.join(' or ')}; \`next start\` requires them.`,
      );
    }
    try {
      env = parseServerEnv(process.env, { withoutSecrets });
    } catch (error) {
      if (!(error instanceof InvalidEnvError)) throw error;
      console.error(`\n${error.message}\n`);
      const missingSecret = error.problems.some((problem) =>
        RUNTIME_SECRETS.some((name) => problem.startsWith(`${name} is not set`)),
      );
      if (phase === PHASE_PRODUCTION_BUILD && missingSecret) {
        console.error(
          'Building an image that gets its secrets when it starts? Build with BUILD_WITHOUT_SECRETS=1 (docs/configuration.md).\n',
        );
      }
      process.exit(1);
    }
  }
  // The headers below are frozen into the build: `next start` refuses a build
  // whose headers do not match its own environment (lib/build-configuration.ts).
  if (env && phase === PHASE_PRODUCTION_SERVER) refuseBuildForAnotherConfiguration(env);
  // A production build with the local Auth0 (`npm run preview`, or build and
  // start with the example values) makes the SDK warn about
  // allowInsecureRequests. Say first why that is expected on this machine, on
  // stderr like the warning itself, so that whoever shows one shows both.
  if (env?.usesLocalAuth0 && [PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER].includes(phase)) {
    console.warn(
      'Production build with the local Auth0 (http://localhost): the Auth0 SDK warns that "allowInsecureRequests is enabled in a production environment". ' +
        'Expected here: lib/env-schema.ts allows it only while APP_BASE_URL is a localhost URL, and a deployed app refuses it.',
    );
  }

  return {
    reactStrictMode: true,
    poweredByHeader: false,
    experimental: {
      // The SDK's client entry re-exports MFA, passkey and passwordless helpers
      // this app does not use; importing only what is used keeps them out of
      // every page (`npm run bench:bundle` measures how much).
      optimizePackageImports: ['@auth0/nextjs-auth0'],
    },
    async headers() {
      return env ? securityHeaderRules(env) : [];
    },
    webpack(
      webpackConfig: { plugins: unknown[]; ignoreWarnings?: unknown[] },
      { isServer }: { isServer: boolean },
    ) {
      // `next build` fails if a module marked server-only (lib/server-only.ts)
      // reaches the browser's JavaScript.
      if (!isServer) webpackConfig.plugins.push(new ServerOnlyCheck());
      // The SDK loads Node's crypto for DPoP (unused here) with
      // `import("cry" + "pto")` in dist/utils/dpopUtils.js, so that no bundler
      // pulls it into an edge or browser bundle. Webpack cannot resolve a name
      // built at run time and warns "Critical dependency" once per bundle that
      // imports the SDK. Only that warning, from that file, is silenced.
      webpackConfig.ignoreWarnings = [
        ...(webpackConfig.ignoreWarnings ?? []),
        {
          module: /@auth0[\\/]nextjs-auth0[\\/]dist[\\/]utils[\\/]dpopUtils\.js/,
          message: /^Critical dependency: the request of a dependency is an expression$/,
        },
      ];
      return webpackConfig;
    },
  };
}
