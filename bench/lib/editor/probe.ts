/// <reference lib="dom" />
/**
 * The in-page half of bench:editor, injected into the app's page and the bare page alike so both are
 * measured the same way.
 *
 * A frame is taken as done when a message posted from a requestAnimationFrame callback arrives: rAF
 * callbacks run at the start of the next frame's rendering step, and a task queued from one runs only
 * after that frame's style, layout and paint. So "keypress to next frame" = from the keydown reaching
 * the page (capture phase on window, before any editor code) to the end of the first frame rendered
 * after it: the editor's key/input handling, its update, its update listeners' synchronous work, and the
 * re-layout of the page.
 */
type Bench = {
  /** Runs `trigger` (a click in the library, or the bare page's open) and resolves with ms until the article is painted. */
  open(trigger: () => void, expected: { lastText: string; images: number; unlessShown?: boolean }): Promise<{ dom: number; painted: number }>
  /** Puts the caret in the body: at the end of the middle paragraph's first text, or at the end of the article. */
  placeCaret(where: 'middle' | 'end'): Promise<void>
  /** From now on, every keydown adds one sample. */
  recordKeys(): void
  /** Resolves once `count` samples exist. */
  waitForSamples(count: number): Promise<void>
  samples(): number[]
}

function afterNextFrame(): Promise<number> {
  return new Promise((done) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => done(performance.now())
      channel.port2.postMessage(null)
    })
  })
}

function body(): HTMLElement {
  const all = document.querySelectorAll<HTMLElement>('[contenteditable="true"]')
  const last = all[all.length - 1]
  if (!last) throw new Error('no editable body on the page')
  return last
}

const samples: number[] = []
let waiting: { count: number; done(): void } | null = null

const bench: Bench = {
  open(trigger, expected) {
    return new Promise((resolve) => {
      let start = 0
      // The article ends with a paragraph: its text in the body's last block, and every photo's <img>, is the article shown.
      const shown = (): boolean =>
        Array.from(document.querySelectorAll<HTMLElement>('[contenteditable="true"]')).some(
          (root) => (root.lastElementChild?.textContent ?? '').includes(expected.lastText) && root.querySelectorAll('img').length >= expected.images
        )
      const observer = new MutationObserver(() => {
        if (!shown()) return
        observer.disconnect()
        const dom = performance.now() - start
        void afterNextFrame().then((at) => {
          performance.mark('bench-open-end')
          resolve({ dom, painted: at - start })
        })
      })
      observer.observe(document.body, { childList: true, subtree: true, characterData: true })
      start = performance.now()
      performance.mark('bench-open-start')
      if (expected.unlessShown && shown()) {
        // Already open (the app opened it at start): nothing to wait for.
        observer.disconnect()
        resolve({ dom: 0, painted: 0 })
        return
      }
      trigger()
    })
  },
  async placeCaret(where) {
    const root = body()
    root.focus()
    const paragraphs = Array.from(root.querySelectorAll('p'))
    const paragraph = where === 'middle' ? paragraphs[Math.floor(paragraphs.length / 2)] : paragraphs[paragraphs.length - 1]
    if (!paragraph) throw new Error('no paragraph to type in')
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
    const text = walker.nextNode()
    if (!text) throw new Error('no text in the paragraph')
    const length = text.textContent?.length ?? 0
    const range = document.createRange()
    range.setStart(text, where === 'middle' ? Math.floor(length / 2) : length)
    range.collapse(true)
    const selection = getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
    // Lexical takes the DOM selection on selectionchange; let it and a frame pass.
    await new Promise((done) => setTimeout(done, 50))
    await afterNextFrame()
  },
  recordKeys() {
    window.addEventListener(
      'keydown',
      () => {
        const start = performance.now()
        void afterNextFrame().then((end) => {
          samples.push(end - start)
          if (waiting && samples.length >= waiting.count) {
            waiting.done()
            waiting = null
          }
        })
      },
      { capture: true }
    )
  },
  waitForSamples(count) {
    if (samples.length >= count) return Promise.resolve()
    return new Promise((done) => {
      waiting = { count, done }
    })
  },
  samples: () => [...samples]
}

Object.defineProperty(window, '__editorBench', { value: bench })
