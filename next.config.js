/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // Also on static files, which proxy.ts (the CSP and the rest: lib/server/security-headers.ts) does not see.
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
