import type { NextConfig } from 'next';

const config: NextConfig = {
  // ssh2 ships optional native bindings and must never be bundled (nor reach the browser);
  // PGlite loads its WASM and data files from its own package directory at run time.
  serverExternalPackages: ['ssh2', '@electric-sql/pglite'],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default config;
