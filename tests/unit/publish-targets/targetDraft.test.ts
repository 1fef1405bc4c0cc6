import { describe, expect, it } from 'vitest'
import { PublishTargetIdSchema, type PublishTarget } from '../../../src/shared/model/publish'
import { blankDraft, checkDraft, draftOf, keepsStoredSecret, newTargetId, secretStorageOf, withKind } from '../../../src/renderer/src/publish/targets/targetDraft'

describe('publish target form', () => {
  it('makes folder-safe ids, different from the taken ones', () => {
    const draft = blankDraft('wordpress', [])
    expect(PublishTargetIdSchema.safeParse(draft.id).success).toBe(true)
    expect(draft.id).toMatch(/^wordpress-[0-9a-f]{6}$/)
    const answers = [0, 0, 0.5]
    expect(newTargetId('cms', ['cms-000000'], () => answers.shift() ?? 1)).toBe('cms-800000')
    // A new target's id follows its kind; a saved one keeps its id.
    expect(withKind(draft, 'cms', []).id).toMatch(/^cms-/)
    expect(withKind({ ...draft, isNew: false }, 'cms', []).id).toBe(draft.id)
  })

  it('names each wrong field and row, and asks for the secret only when none is stored', () => {
    const draft = {
      ...blankDraft('wordpress', []),
      name: '  ',
      baseUrl: 'news.example.edu.cn',
      username: 'editor',
      categoryRows: [
        { column: '校园动态', categoryId: '3' },
        { column: '', categoryId: '' },
        { column: '校园动态', categoryId: '4' },
        { column: '通知公告', categoryId: '0' },
        { column: '', categoryId: '5' }
      ]
    }
    const checked = checkDraft(draft, false)
    expect(checked).toEqual({
      ok: false,
      errors: { name: 'name', baseUrl: 'baseUrl', secret: 'secretRequired', 'categoryRows.2': 'categoryDuplicate', 'categoryRows.3': 'categoryId', 'categoryRows.4': 'categoryColumn' }
    })
    const fixed = { ...draft, name: '学校新闻网', baseUrl: 'https://news.example.edu.cn/', categoryRows: draft.categoryRows.slice(0, 2) }
    expect(checkDraft(fixed, true)).toEqual({
      ok: true,
      target: {
        id: draft.id,
        kind: 'wordpress',
        name: '学校新闻网',
        baseUrl: 'https://news.example.edu.cn',
        username: 'editor',
        siteHosts: [],
        routeStyle: 'auto',
        categoryMap: { 校园动态: 3 },
        allowCreateCategory: false,
        defaultStatus: 'publish'
      }
    })
    expect(checkDraft(fixed, false)).toMatchObject({ ok: false, errors: { secret: 'secretRequired' } })
    expect(checkDraft({ ...fixed, secret: 'abcd efgh' }, false).ok).toBe(true)
  })

  it('checks the CMS field names with the schema and round-trips a saved target through the form', () => {
    const draft = { ...blankDraft('cms', []), name: 'CMS', baseUrl: 'https://cms.example.edu.cn/api', secret: 't' }
    const bad = checkDraft({ ...draft, fieldRows: [{ ours: 'title', theirs: '1headline' }, { ours: '', theirs: 'x' }, { ours: 'title', theirs: 'y' }] }, false)
    expect(bad).toEqual({ ok: false, errors: { 'fieldRows.0': 'fieldTheirs', 'fieldRows.1': 'fieldOurs', 'fieldRows.2': 'fieldDuplicate' } })

    const saved: PublishTarget = { id: 'cms-abc123', kind: 'cms', name: 'CMS', baseUrl: 'https://cms.example.edu.cn/api', siteHosts: [], fieldMapping: { summary: 'abstract' } }
    const edited = draftOf(saved)
    expect(edited).toMatchObject({ isNew: false, secret: '', fieldRows: [{ ours: 'summary', theirs: 'abstract' }] })
    expect(checkDraft(edited, true)).toEqual({ ok: true, target: saved })

    const local: PublishTarget = { id: 'local-1', kind: 'local', name: '本地网站', folder: '/srv/site' }
    expect(checkDraft(draftOf(local), false)).toEqual({ ok: true, target: local })
    expect(checkDraft({ ...draftOf(local), folder: ' ' }, false)).toEqual({ ok: false, errors: { folder: 'folder' } })
  })
})

describe('the stored password in the form', () => {
  const saved: PublishTarget = { id: 'wordpress-abc123', kind: 'wordpress', name: 'WP', baseUrl: 'https://news.example.edu.cn', username: 'editor', siteHosts: [], routeStyle: 'auto', categoryMap: {}, allowCreateCategory: false, defaultStatus: 'publish' }

  it('still applies after a change of name or path, not after a change of site, kind or user name', () => {
    const draft = draftOf(saved)
    expect(keepsStoredSecret(saved, { ...draft, name: '新名字', baseUrl: 'https://news.example.edu.cn/blog' })).toBe(true)
    expect(keepsStoredSecret(saved, { ...draft, baseUrl: 'https://evil.example' })).toBe(false)
    expect(keepsStoredSecret(saved, { ...draft, baseUrl: 'http://news.example.edu.cn' })).toBe(false)
    expect(keepsStoredSecret(saved, { ...draft, username: 'someone' })).toBe(false)
    expect(keepsStoredSecret(saved, { ...draft, kind: 'cms' })).toBe(false)
    expect(keepsStoredSecret(undefined, draft)).toBe(false)
  })

  it('never asks main for weak storage without the confirmation', () => {
    expect(secretStorageOf('strong', { keeping: 'weak', confirmed: true })).toBe('system')
    expect(secretStorageOf('weak', { keeping: 'weak', confirmed: false })).toBe('session')
    expect(secretStorageOf('weak', { keeping: 'weak', confirmed: true })).toBe('weak')
    expect(secretStorageOf('none', { keeping: 'weak', confirmed: true })).toBe('session')
  })

  it('takes the declared hosts as typed, and names a wrong one', () => {
    const draft = { ...draftOf(saved), siteHosts: 'www.example.edu.cn，cdn.example.edu.cn  ' }
    expect(checkDraft(draft, true)).toMatchObject({ ok: true, target: { siteHosts: ['www.example.edu.cn', 'cdn.example.edu.cn'] } })
    expect(checkDraft({ ...draft, siteHosts: 'https://www.example.edu.cn/' }, true)).toMatchObject({ ok: false, errors: { siteHosts: 'siteHosts' } })
  })
})
