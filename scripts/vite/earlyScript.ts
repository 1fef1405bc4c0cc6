/**
 * The renderer's first script as a page script of its own. Vite folds every module script of index.html into one
 * entry, so a question asked from the first module of that entry leaves only once the whole app's code (1 MB and
 * more) has loaded and compiled. Built as a second entry and put in the page before the app's script, `src/early.ts`
 * (and the little it imports) runs as soon as it has loaded, while the app's code still compiles. The app imports it
 * too, first: the module runs once either way, and in development (no build) the app's import alone asks.
 */
export const EARLY_ENTRY = 'early'

type OutputChunk = { type: 'chunk'; isEntry: boolean; name: string; fileName: string }
type Bundle = Record<string, OutputChunk | { type: 'asset' }>

/** The page with a module script for `src` before its first module script (where the app's script is). */
export function withEarlyScript(html: string, src: string): string {
  const first = html.search(/<script\b[^>]*\btype="module"/)
  if (first < 0) throw new Error('index.html has no module script to put the early script before')
  return `${html.slice(0, first)}<script type="module" crossorigin src="${src}"></script>\n    ${html.slice(first)}`
}

/** The early entry's file in a built bundle, as index.html (at the output's root) refers to it. */
export function earlyScriptSource(bundle: Bundle): string {
  const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk' && item.isEntry && item.name === EARLY_ENTRY)
  if (chunks.length !== 1) throw new Error(`the build has ${chunks.length} "${EARLY_ENTRY}" entries, not one`)
  return `./${(chunks[0] as OutputChunk).fileName}`
}

export function earlyScriptPlugin(): {
  name: string
  apply: 'build'
  transformIndexHtml: { order: 'post'; handler(html: string, context: { bundle?: Bundle }): string }
} {
  return {
    name: 'newsroom-early-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle) throw new Error('the early script is put in the page only in a build')
        return withEarlyScript(html, earlyScriptSource(context.bundle))
      }
    }
  }
}
