import { describe, expect, it } from 'vitest'
import { validateCreditTemplate } from '../../../src/shared/article/creditLine'
import { CREDIT_INSERTS, insertIntoTemplate } from '../../../src/renderer/src/settings/credit/templateInsert'
import { msToSecondsText, secondsTextToMs } from '../../../src/renderer/src/settings/autosaveDelay'

describe('inserting a field into the credit-line template', () => {
  it('puts a whole segment at the caret, with a separator beside a neighbouring segment', () => {
    const template = '[{authors}{role.authors}]'
    const end = insertIntoTemplate(template, template.length, template.length, CREDIT_INSERTS.editor)
    expect(end.template).toBe('[{authors}{role.authors}]；[{editor}{role.editor}]')
    expect(end.caret).toBe(end.template.length)
    const start = insertIntoTemplate(template, 0, 0, CREDIT_INSERTS.reviewer)
    expect(start.template).toBe('[{reviewer}{role.reviewer}]；[{authors}{role.authors}]')
    expect(validateCreditTemplate(end.template).ok).toBe(true)
    expect(validateCreditTemplate(start.template).ok).toBe(true)
  })

  it('replaces the selection and fills an empty template', () => {
    expect(insertIntoTemplate('', 0, 0, CREDIT_INSERTS.authors)).toEqual({ template: '[{authors}{role.authors}]', caret: 25 })
    expect(insertIntoTemplate('[{x}]', 0, 5, CREDIT_INSERTS.editor).template).toBe('[{editor}{role.editor}]')
  })

  it('puts the caret inside an inserted empty optional part', () => {
    expect(insertIntoTemplate('（', 1, 1, '[]')).toEqual({ template: '（[]', caret: 2 })
  })

  it('every insertable field makes a valid template on its own', () => {
    for (const snippet of Object.values(CREDIT_INSERTS)) expect(validateCreditTemplate(snippet).ok, snippet).toBe(true)
  })
})

describe('the autosave delay in seconds', () => {
  it('shows milliseconds as seconds and reads seconds typed with a point or a Chinese comma', () => {
    expect(msToSecondsText(800)).toBe('0.8')
    expect(msToSecondsText(2000)).toBe('2')
    expect(secondsTextToMs('1.5')).toBe(1500)
    expect(secondsTextToMs(' 2 ')).toBe(2000)
    expect(secondsTextToMs('0，8')).toBe(800)
    for (const bad of ['', 'abc', '1.25', '-1', '1e3']) expect(secondsTextToMs(bad), bad).toBeNull()
  })
})
