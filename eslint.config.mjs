import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** Each block says what it is for. */
const config = [
  {
    name: "ignored: generated code, build output, local state",
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", ".data/**", ".lab/**", ".e2e-data*/**", ".test-pg/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    name: "layers: the UI never talks to external systems directly",
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      // app/ and components/ go through lib use cases and checks; a connector import here
      // would skip deadlines, result values and role checks (docs/architecture.md, Layers).
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/connectors/*", "**/lib/connectors/*"], message: "UI code goes through lib use cases or checks, not connectors." },
            { group: ["@/lib/db/generated/*"], message: "Use cases own database access; import their types instead." },
          ],
        },
      ],
    },
  },
  {
    name: "layers: a feature folder's React components are UI too",
    files: ["lib/*/components/**/*.{ts,tsx}"],
    rules: {
      // lib/diagnosis/components/* run in the browser: same rule as components/, plus no
      // server-only use case (they call the feature's server actions and /api/v1 instead).
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/connectors/*", "**/lib/connectors/*"], message: "UI code goes through lib use cases or checks, not connectors." },
            { group: ["@/lib/db/*"], message: "Use cases own database access; import their types instead." },
            { group: ["../run-step", "../start-run", "../get-run", "../step-runners", "../get-suggestions"], message: "Components call the feature's server actions (../actions) or /api/v1." },
          ],
        },
      ],
    },
  },
  {
    name: "layers: lib never imports the UI",
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/components/*"], message: "lib/ sits below app/ and components/." }] }],
    },
  },
  {
    name: "plain <a> for the brand link and raw <img> are fine here",
    rules: {
      // The console is one app behind auth: no image CDN, and a full reload on the brand link is harmless.
      "@next/next/no-html-link-for-pages": "off",
      // Unused variables are errors, except deliberately ignored ones.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];
export default config;
