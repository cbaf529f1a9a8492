// Lint: TypeScript-aware rules for the widget and tests, plain recommended rules for Node code,
// plus the project's security rules (no eval, no HTML strings into the DOM).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noHtmlInjection = [
  'error',
  { selector: "MemberExpression[property.name='innerHTML']", message: 'Render text with lit templates; never innerHTML.' },
  { selector: "MemberExpression[property.name='outerHTML']", message: 'Never outerHTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never insertAdjacentHTML.' },
  { selector: "Identifier[name='unsafeHTML']", message: 'Never unsafeHTML: all text is rendered as text.' },
  { selector: "NewExpression[callee.name='Function']", message: 'Never new Function.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'receiver/dist/', 'src/generated/', 'node_modules/', 'custom-elements.json'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      'no-restricted-syntax': noHtmlInjection,
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-syntax': noHtmlInjection, 'no-eval': 'error', 'no-implied-eval': 'error' },
  },
  {
    // The receiver runs on Node, apart from its dashboard (a browser bundle).
    files: ['receiver/src/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-eval': 'error', 'no-implied-eval': 'error' },
  },
  {
    files: ['receiver/dashboard/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-eval': 'error', 'no-implied-eval': 'error' },
  },
  {
    // End-to-end tests and benchmarks pass functions to run in the page.
    files: ['test/e2e/**/*.js', 'test/support/e2e.js', 'test/support/no-javascript*.js', 'test/support/drive.js', 'test/support/accessible-name-plugin.js', 'bench/**/*.js', 'receiver/test/dashboard.test.js', 'receiver/test/access-dashboard.test.js', 'receiver/test/dashboard-updates.test.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
