// @ts-check
import pluginVue from 'eslint-plugin-vue';
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript';
import skipFormatting from 'eslint-config-prettier/flat';

/** Layering: ui → stores → phone/headset/db, and only src/phone/jssip imports JsSIP. */
// each folder both as `@/x/*` and as its bare barrel `@/x` (a `/*` pattern does not match the latter)
const framework = [
  'vue',
  'pinia',
  'vue-i18n',
  'dexie',
  '@/stores/*',
  '@/stores',
  '@/ui/*',
  '@/ui',
  '@/db/*',
  '@/db',
  '@/i18n/*',
  '@/i18n',
];
const restrict = (patterns, message, regex) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: patterns, message }, ...(regex ? [{ regex, message }] : [])] },
  ],
});
// The JsSIP package by name only: a gitignore-style 'jssip/*' would also match our own ./jssip folder.
const JSSIP = '^jssip(/|$)';

export default defineConfigWithVueTs(
  {
    ignores: [
      'dist/**',
      'dist-bench/**',
      'bench/.pbx-run/**',
      'bench/.dist-app/**',
      'dev-dist/**',
      'node_modules/**',
      'pbx/run/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommendedTypeChecked,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // small files (docs/architecture.md): split a module before it reaches this
    files: ['src/**/*.{ts,vue}', 'e2e/**/*.ts', 'scripts/**/*.{ts,mjs}', 'bench/**/*.mjs'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    // every line goes through src/lib/logger.ts; only its console sink writes to the console
    files: ['src/**/*.{ts,vue}'],
    ignores: ['src/lib/console-sink.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/phone/**/*.ts'],
    ignores: ['src/phone/jssip/**'],
    rules: restrict(
      [...framework, '@/headset/*', '@/headset', '../headset/*'],
      'src/phone is framework-free; only src/phone/jssip imports JsSIP.',
      JSSIP,
    ),
  },
  {
    files: ['src/phone/jssip/**/*.ts'],
    rules: restrict([...framework, '@/headset/*', '@/headset'], 'src/phone is framework-free.'),
  },
  {
    files: ['src/headset/**/*.ts'],
    rules: restrict(
      [...framework, '@/phone/*', '@/phone', '../phone/*'],
      'src/headset is framework-free and does not know the phone.',
      JSSIP,
    ),
  },
  {
    files: ['src/directory/**/*.ts'],
    rules: restrict(
      [...framework, '@/phone/*', '@/phone', '@/headset/*', '@/headset'],
      'src/directory (contact parsing, numbers, search) is framework-free.',
      JSSIP,
    ),
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: restrict(
      [...framework, '@/phone/*', '@/phone', '@/headset/*', '@/headset', '@/directory/*', '@/directory'],
      'src/lib holds small framework-free helpers that every layer may use; it imports none of them.',
      JSSIP,
    ),
  },
  {
    // the plain helpers beside the stores (rules, formatting, parsing): testable without Vue or Pinia
    files: [
      'src/stores/account/account-form.ts',
      'src/stores/account/instance-ownership.ts',
      'src/stores/app/push-answer.ts',
      'src/stores/app/push-api.ts',
      'src/stores/app/settings-rules.ts',
      'src/stores/call/call-notifications.ts',
      'src/stores/call/dial-link.ts',
      'src/stores/call/feature-code-rules.ts',
      'src/stores/call/incoming-rules.ts',
      'src/stores/call/notifier.ts',
      'src/stores/devices/permissions-api.ts',
      'src/stores/devices/ringtones.ts',
      'src/stores/directory/company-directory.ts',
      'src/stores/directory/index-warmup.ts',
      'src/stores/directory/keypad-search.ts',
      'src/stores/history/history-owner.ts',
      'src/stores/history/history-range.ts',
      'src/stores/history/history-record.ts',
      'src/stores/support/log-redaction.ts',
      // the settings registry: it may also take the plain (Dexie-free) row helpers of src/db
      'src/stores/settings/registry.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vue', 'pinia', 'vue-i18n', 'dexie', '@/ui/*', '@/ui', '@/db/*', '!@/db/settings-rows'],
              message: 'This helper of the stores is framework-free (no Vue, Pinia or Dexie).',
            },
            {
              // the barrel only: a gitignore-style '@/db' would also catch the plain settings-rows
              regex: '^@/db$',
              allowTypeImports: true,
              message: 'Only the row types of @/db here.',
            },
            { regex: JSSIP, message: 'No JsSIP outside src/phone/jssip.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: restrict(['vue', 'pinia', '@/stores/*', '@/ui/*'], 'src/db holds Dexie only.', JSSIP),
  },
  {
    files: ['src/ui/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['jssip', 'jssip/*', 'dexie', '@/db/*', '@/headset/*', '@/headset'],
              message: 'The UI talks to stores only.',
            },
            {
              group: ['@/phone/*', '@/phone', '@/directory/*', '@/directory', '@/db'],
              allowTypeImports: true,
              message:
                'The UI may import engine, directory and history-row types only; logic goes through stores.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'pbx/**/*.ts', '*.config.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  skipFormatting,
);
