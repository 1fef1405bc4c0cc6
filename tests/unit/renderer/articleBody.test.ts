import { describe, expect, it } from 'vitest'
import { loadArticleBody } from '../../../src/renderer/src/editor/body'

const textNode = (text: string) => ({ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 })
const block = (type: string, children: unknown[]) => ({ type, children, direction: null, format: '', indent: 0, version: 1 })
const body = (children: { type: string }[]) => ({
  root: { type: 'root' as const, children, direction: null, format: '', indent: 0, version: 1 }
})

describe('loadArticleBody', () => {
  it('starts an empty editor for a new draft (null body) and for an empty root', () => {
    expect(loadArticleBody(null)).toEqual({ ok: true, initialState: undefined })
    expect(loadArticleBody(body([]))).toEqual({ ok: true, initialState: undefined })
  })

  it('passes a body Lexical can load through as its JSON', () => {
    const saved = body([block('paragraph', [textNode('校园科技节开幕。')]), block('quote', [textNode('引用')])])
    const loaded = loadArticleBody(saved)
    expect(loaded.ok).toBe(true)
    expect(loaded.ok && JSON.parse(loaded.initialState ?? 'null')).toEqual(saved)
  })

  it('refuses a body with a node type this editor does not know, instead of showing it empty', () => {
    const loaded = loadArticleBody(body([block('future-gallery', [])]))
    expect(loaded.ok).toBe(false)
  })
})
