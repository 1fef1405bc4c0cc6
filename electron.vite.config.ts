import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { devContentSecurityPolicyPlugin } from './src/main/window/csp'
import { EARLY_ENTRY, earlyScriptPlugin } from './scripts/vite/earlyScript'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // A separate entry: the HEIC decoder (WASM) runs in a worker thread, off the main process's event loop.
          heicWorker: resolve(__dirname, 'src/main/services/images/heicWorker.ts'),
          // The live-page check parses hostile pages off main's event loop.
          livePageWorker: resolve(__dirname, 'src/main/services/publish/livePage/worker.ts'),
          // The library search index is built and queried in a worker thread: autosave in main never waits on it.
          libraryWorker: resolve(__dirname, 'src/main/services/library/libraryWorker.ts')
        }
      }
    }
  },
  preload: {
    // A sandboxed preload can require nothing but electron: bundle everything into one CommonJS file.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Relative asset URLs so the same build loads from file:// in Electron and from loopback HTTP in tests.
    base: './',
    resolve: {
      alias: {
        '@shared': resolve(__dirname, 'src/shared'),
        // zhlint (the check worker's punctuation rules) reaches this through micromark; its browser build
        // decodes with document.createElement, which a Web Worker does not have. The plain build is a table.
        'decode-named-character-reference': resolve(__dirname, 'node_modules/decode-named-character-reference/index.js')
      },
      // Two copies of lexical give "Minified Lexical error #365"; keep exactly one.
      dedupe: [
        'lexical',
        '@lexical/react',
        '@lexical/rich-text',
        '@lexical/history',
        '@lexical/utils',
        '@lexical/list',
        '@lexical/link',
        '@lexical/selection',
        '@lexical/clipboard',
        '@lexical/html',
        'react',
        'react-dom'
      ]
    },
    // The dev server's index.html gets the development CSP (React's refresh preamble by hash); builds keep the strict one.
    plugins: [react(), devContentSecurityPolicyPlugin(), earlyScriptPlugin()],
    build: {
      // electron-vite leaves the renderer unminified; minified, the start's code is half the bytes to load and compile.
      minify: true,
      // One stylesheet, loaded with the page, in the cascade order main.tsx sets out: the parts loaded later
      // (laterParts.ts) must not bring their rules late, shifting the page under the pointer and reordering the cascade.
      cssCodeSplit: false,
      // Source maps beside the files (not referenced by them) make a minified stack trace in the log readable.
      sourcemap: 'hidden',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          // The page's first script, on its own (scripts/vite/earlyScript.ts): it asks for the list's first screen.
          [EARLY_ENTRY]: resolve(__dirname, 'src/renderer/src/early.ts')
        }
      }
    }
  }
})
