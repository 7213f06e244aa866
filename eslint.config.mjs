import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import vitest from "@vitest/eslint-plugin";
import playwright from "eslint-plugin-playwright";

/** Each block says what it is for. */
const config = [
  {
    name: "ignored: generated code, build output, local state",
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", ".data/**", ".lab/**", ".e2e-data*/**", ".test-pg/**", "test-results/**", "playwright-report*/**", "next-env.d.ts"],
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
  {
    name: "tests: a test that cannot fail is not a test (vitest)",
    files: ["**/*.test.ts", "**/*.test.tsx"],
    plugins: { vitest },
    rules: {
      // A focused test silently turns the rest of the file off, locally and in CI.
      "vitest/no-focused-tests": "error",
      // A skipped test counts as passing in the summary; skip at run time with a reason
      // (it.skipIf / ctx.skip("why")) instead of disabling it in the source.
      "vitest/no-disabled-tests": "error",
      // A test without an assertion passes whatever the code does. The helpers listed assert
      // on their own: expect* / assert* wrappers, and the lab's waitFor (throws with what it
      // saw when the condition never holds: lab/tests).
      "vitest/expect-expect": ["error", { assertFunctionNames: ["expect", "expect*", "assert*", "*.expect*", "waitFor"] }],
    },
  },
  {
    name: "tests: a journey that cannot fail is not a test (Playwright)",
    files: ["e2e/**/*.ts", "e2e-lab/**/*.ts"],
    // Only the three rules below, not the plugin's recommended set: style rules would be a
    // separate change across every spec.
    plugins: { playwright },
    rules: {
      // .only in a spec runs one journey and reports the suite green (forbidOnly covers CI only).
      "playwright/no-focused-test": "error",
      // A skip must say why, in its description: test.skip(condition, "why").
      "playwright/no-skipped-test": ["error", { allowConditional: true, disallowFixme: true }],
      // …and the reason is not optional: no-skipped-test accepts test.skip(condition) alone.
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='test'][callee.property.name=/^(skip|fixme)$/][arguments.length<2]",
          message: "Say why: test.skip(condition, \"the reason\").",
        },
      ],
      // A journey without an assertion only proves a page did not throw; helpers listed assert themselves.
      "playwright/expect-expect": ["error", { assertFunctionNames: ["expect*", "assert*"] }],
    },
  },
];
export default config;
