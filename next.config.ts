import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './server/web/security-headers';

const config: NextConfig = {
  // ssh2 ships optional native bindings and must never be bundled (nor reach the browser);
  // PGlite loads its WASM and data files from its own package directory at run time.
  serverExternalPackages: ['ssh2', '@electric-sql/pglite'],
  reactStrictMode: true,
  experimental: {
    // proxy.ts makes Next.js buffer request bodies (10 MB each by default); the API reads at most
    // 1 MiB (server/web/body-limit.ts), so buffer just past that and refuse the rest there.
    proxyClientMaxBodySize: 1024 * 1024 + 1024,
  },
  poweredByHeader: false,
  // `npm test` type-checks once, in its typecheck step (`next typegen && tsc`: the same tsconfig,
  // route types included), then builds with PATCHBAY_TYPECHECKED=1; every other build checks.
  typescript: { ignoreBuildErrors: process.env.PATCHBAY_TYPECHECKED === '1' },
  // The build's static files skip proxy.ts (see its matcher) but keep the same static headers.
  headers: async () => [
    {
      source: '/_next/static/:path*',
      headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
    },
  ],
};

export default config;
