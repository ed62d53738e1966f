// ESLint flat config: type-aware typescript-eslint (strict), React hooks, and
// regexp checks that keep patterns run on user input linear in time.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import regexp from "eslint-plugin-regexp";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // Generated-project templates are mustache, not Sidecar's code; fixtures are broken on purpose.
    ignores: [
      "node_modules/",
      ".next/",
      ".cache/",
      "out/",
      "test-results/",
      "templates/",
      "tests/diagnostics/fixtures/",
      "next-env.d.ts",
      "lib/generate/templates.generated.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  reactHooks.configs.flat.recommended,
  regexp.configs["flat/recommended"],
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Patterns run on uploaded projects and pasted logs: no polynomial backtracking.
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
      // The type checker already reports undefined names, with the DOM, worker and Node globals it knows.
      "no-undef": "off",
      // Unused groups become non-capturing, which keeps the match and frees the numbering.
      "regexp/no-unused-capturing-group": ["error", { fixable: true }],
      // Numbers and booleans print as expected in messages; objects and nullish values stay errors.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      // `() => setState(x)` in JSX handlers is the React idiom; a void in other positions stays an error.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // Without noUncheckedIndexedAccess, `!` marks lookups just checked (Map.get after has, a group that matched).
      "@typescript-eslint/no-non-null-assertion": "off",
      // Without noUncheckedIndexedAccess, record and array lookups type as always present, so this rule
      // would delete the guards that handle a missing key.
      "@typescript-eslint/no-unnecessary-condition": "off",
      // Async event handlers in JSX are the React idiom; promises passed where a void callback runs stay errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // `const { dropped, ...kept } = value` is how a key is left out of a copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // .catch callbacks only print the error; `catch` clauses are already unknown under strict.
      "@typescript-eslint/use-unknown-in-catch-callback-variable": "off",
      // Callbacks handed to APIs that take a promise (report.check, read) stay async when their body is synchronous.
      "@typescript-eslint/require-await": "off",
      // A variable the cleanup closure reads before the service starts is declared first, assigned once later.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // React Compiler rules; the app is not compiled by it, and its uses are deliberate: the latest-callback
      // ref assigned during render, and browser-only values (origin, theme) read once after hydration.
      "react-hooks/refs": "off",
      "react-hooks/set-state-in-effect": "off",
      // node:test's test() and describe() return promises the runner itself awaits.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "it", "describe", "suite"] }] },
      ],
    },
  },
  {
    // Tests read parsed JSON and subprocess output and assert its shape; the patterns see only the suite's own output.
    files: ["tests/**", "e2e/**"],
    rules: {
      // Playwright fixtures are written \`async ({}, use) => …\`: not React hooks, and the empty pattern is its API.
      "react-hooks/rules-of-hooks": "off",
      "no-empty-pattern": "off",
      // Parsed YAML and Compose files are walked loosely and their shape asserted.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "regexp/no-super-linear-backtracking": "off",
      "regexp/no-super-linear-move": "off",
    },
  },
  {
    // Plain JavaScript (configs, scripts) has no type information to check against.
    files: ["**/*.mjs", "**/*.js", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
