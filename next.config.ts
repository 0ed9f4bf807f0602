import type { NextConfig } from 'next';
import { parseServerEnv } from './lib/env';

// Fail fast: a wrong or missing variable stops `dev`, `build` and `start` here,
// with a message naming it, rather than in the middle of a login.
parseServerEnv();

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
