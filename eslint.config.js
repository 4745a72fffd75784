// Lint rules for preflight: typescript-eslint's recommended set, plus the folder boundaries the pipeline relies on.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "out/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", Buffer: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The serve dashboard's pages: plain JavaScript modules run by the browser (no build step).
    files: ["dashboard/**/*.js"],
    languageOptions: {
      sourceType: "module",
      globals: {
        document: "readonly", window: "readonly", location: "readonly", sessionStorage: "readonly", fetch: "readonly", URL: "readonly", URLSearchParams: "readonly",
        Blob: "readonly", FormData: "readonly", HashChangeEvent: "readonly", TextDecoderStream: "readonly", AbortController: "readonly",
      },
    },
    rules: {
      // Device text reaches these pages: they build the DOM with createElement and textContent only.
      "no-restricted-properties": ["error", ...["innerHTML", "outerHTML"].map((property) => ({ property, message: "build the DOM with dashboard/js/dom.js (createElement, textContent)" }))],
      "no-restricted-syntax": ["error", { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]", message: "no HTML from strings in the dashboard" }],
    },
  },
  {
    // The result model is the one contract between evaluate and report: it imports nothing.
    files: ["src/model/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["../*", "node:*"] }] },
  },
  {
    // Reporters are pure functions of the result: they read a RunReport (src/model) and nothing that produces one.
    // No SSH, no runner, no check engine, no vendor code, no CLI. `**/x/**` matches at any depth (../x, ../../x).
    files: ["src/report/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/runner/**", "**/checks/**", "**/transport/**", "**/simulator/**", "**/platforms/**", "**/cli/**", "ssh2", "ssh2/**"],
              message: "a report is a pure function of the RunReport (src/model): no runner, checks, transport, simulator, platforms, CLI or SSH",
            },
          ],
        },
      ],
    },
  },
  {
    // The core never names a vendor: it reaches platforms only through the registry and the plugin contract.
    // The pipeline never imports the CLI (the CLI calls the pipeline, not the other way round).
    files: ["src/runner/**/*.ts", "src/checks/**/*.ts", "src/cli/**/*.ts", "src/transport/**/*.ts", "src/inventory/**/*.ts", "src/parse/**/*.ts", "src/capture/**/*.ts", "src/versions/**/*.ts", "src/util/**/*.ts", "src/waivers/**/*.ts", "src/queue/**/*.ts"],
    ignores: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/platforms/*/**"], message: "the core reaches a platform only through src/platforms/registry.ts and types.ts" },
            { group: ["**/cli/**"], message: "pipeline modules never import the CLI" },
          ],
        },
      ],
    },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/platforms/*/**"], message: "the CLI reaches a platform only through src/platforms/registry.ts and types.ts" }] }],
    },
  },
);
