import { describe, expect, it, vi } from 'vitest'
import { $createParagraphNode, $createTextNode, $getRoot, createEditor } from 'lexical'
import { lazyBodyOf } from '../../../src/renderer/src/editor/lazyBody'
import { storedBodyOf } from '../../../src/renderer/src/editor/storedBody'

function stateWith(text: string) {
  const editor = createEditor({ namespace: 'lazy-body-test', onError: (error) => { throw error } })
  editor.update(
    () => {
      const paragraph = $createParagraphNode()
      paragraph.append($createTextNode(text))
      $getRoot().append(paragraph)
    },
    { discrete: true }
  )
  return editor.getEditorState()
}

describe('the body reported on each edit', () => {
  it('is serialized only when read, once, and equals the stored document of that edit', () => {
    const state = stateWith('校园科技节开幕。')
    const toJSON = vi.spyOn(state, 'toJSON')
    const read = lazyBodyOf(state)
    expect(toJSON).not.toHaveBeenCalled()
    const first = read()
    expect(read()).toBe(first)
    expect(toJSON).toHaveBeenCalledTimes(1)
    toJSON.mockRestore()
    expect(first).toEqual(storedBodyOf(state.toJSON()))
    expect(JSON.stringify(first)).toContain('校园科技节开幕。')
  })

  it('keeps the text of its own edit when later edits come', () => {
    const earlier = lazyBodyOf(stateWith('第一稿'))
    const later = lazyBodyOf(stateWith('第二稿'))
    expect(JSON.stringify(later())).toContain('第二稿')
    expect(JSON.stringify(earlier())).toContain('第一稿')
    expect(JSON.stringify(earlier())).not.toContain('第二稿')
  })
})
