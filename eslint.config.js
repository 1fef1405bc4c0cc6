import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const noElectron = {
  paths: [{ name: 'electron', message: 'Keep this layer plain: only src/main/index.ts and src/preload touch electron (see STYLE.md).' }],
  patterns: [{ group: ['electron/*', 'electron-store', 'electron-store/*'], message: 'Only src/main/index.ts may import electron or electron-store.' }]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules }
  },
  {
    files: ['src/shared/**/*.ts', 'src/main/**/*.ts', 'src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/main/index.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] }
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.{ts,mjs}', 'tests/**/*.{ts,tsx}'],
    rules: { 'no-console': 'off' }
  },
  {
    // In tests a wrong `!` fails loudly at once, which is what a test is for.
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  }
)
