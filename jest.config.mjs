import os from 'node:os';
import nextJest from 'next/jest.js';

const createJestConfig = nextJest({ dir: './' });

/** @type {import('jest').Config} */
const config = {
  // Node by default; component tests opt into a DOM with `@jest-environment jsdom`.
  testEnvironment: 'node',
  // At least 4 workers, even on 2 cores: the slowest test files spend most of
  // their time waiting (for tokens to expire, for servers to answer), not computing.
  maxWorkers: Math.max(4, os.availableParallelism() - 1),
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/e2e/',
    '<rootDir>/.next/',
    // >>> template kit
    // template/ holds the template's own checks: `npm run test:template` runs their tests.
    '<rootDir>/template/',
    // <<< template kit
    // The Auth0 Deploy CLI's tests spend about 20 s of CPU each compiling its
    // schema: `npm run test:deploy-cli` runs them (and `npm run validate`).
    '\\.deploy-cli\\.test\\.ts$',
  ],
  modulePathIgnorePatterns: ['<rootDir>/.next/'],
};

// These packages ship only ES modules: let SWC compile them for Jest.
const esmPackages = [
  '@auth0/nextjs-auth0',
  // otplib's hashing and base32 (the local Auth0's one-time passwords).
  '@noble/hashes',
  '@scure/base',
  'jose',
  'oauth4webapi',
  'openid-client',
  'oidc-provider',
];

export default async function jestConfig() {
  const resolved = await createJestConfig(config)();
  return {
    ...resolved,
    transformIgnorePatterns: [
      `/node_modules/(?!(${esmPackages.join('|')})/)`,
      '^.+\\.module\\.(css|sass|scss)$',
    ],
  };
}
