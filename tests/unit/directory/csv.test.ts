import { describe, expect, it } from 'vitest'
import { decodeCsvBytes, formatCsv, parseCsv, readStaffCsv, staffCsv } from '../../../src/main/services/directory/csv'
import { pinyinInitials, roleOfWord, type OfficeDirectory } from '../../../src/shared/model/directory'
import { AppError } from '../../../src/shared/errors'

const utf8 = (text: string) => new TextEncoder().encode(text)
const withBom = (text: string) => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)])

/** 姓名,角色,部门 / 张三,编辑、校对,宣传部 in GBK, as Chinese Excel saves "CSV (逗号分隔)". */
const GBK_STAFF = Uint8Array.from([
  0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xbd, 0xc7, 0xc9, 0xab, 0x2c, 0xb2, 0xbf, 0xc3, 0xc5, 0x0d, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xb1, 0xe0, 0xbc,
  0xad, 0xa1, 0xa2, 0xd0, 0xa3, 0xb6, 0xd4, 0x2c, 0xd0, 0xfb, 0xb4, 0xab, 0xb2, 0xbf, 0x0d, 0x0a
])

describe('CSV reading', () => {
  it('follows RFC 4180: quoted commas, doubled quotes, line breaks inside quotes, CRLF and LF', () => {
    const records = parseCsv('姓名,备注\r\n"王五","说 ""你好"", 再见"\n"李\n四",x\n')
    expect(records).toEqual([
      { line: 1, fields: ['姓名', '备注'] },
      { line: 2, fields: ['王五', '说 "你好", 再见'] },
      { line: 3, fields: ['李\n四', 'x'] }
    ])
  })

  it('decodes UTF-8 with or without BOM, GBK/GB18030 from Chinese Excel, and UTF-16 "Unicode text"', () => {
    expect(decodeCsvBytes(withBom('姓名'))).toBe('姓名')
    expect(decodeCsvBytes(utf8('姓名'))).toBe('姓名')
    expect(decodeCsvBytes(GBK_STAFF)).toBe('姓名,角色,部门\r\n张三,编辑、校对,宣传部\r\n')
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Array.from('姓名\t角色').flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])])
    expect(decodeCsvBytes(utf16)).toBe('姓名\t角色')
  })

  it('reads a GBK staff list with Chinese roles', () => {
    expect(readStaffCsv(GBK_STAFF).people).toEqual([{ name: '张三', roles: ['editor', 'proofreader'], department: '宣传部', line: 2, publicKey: null, titles: null, rank: null }])
  })

  it('takes English headers and role words, in any column order, tab-separated too', () => {
    const staff = readStaffCsv(utf8('Department\tName\tRoles\nStudent Union\tJohn Smith\tPhotographer; Author\n'))
    expect(staff.people).toEqual([{ name: 'John Smith', roles: ['author', 'photographer'], department: 'Student Union', line: 2, publicKey: null, titles: null, rank: null }])
  })

  it('reports lines it skipped and role words it did not know, with their line numbers', () => {
    const text = ['姓名,角色,部门', '张三,编辑;审核,宣传部', ',校对,教务处', '李四,校对、打字员,', '', '"王\n五",摄影,团委', 'x'.repeat(61) + ',编辑,'].join('\r\n')
    const staff = readStaffCsv(withBom(text))
    expect(staff.people.map((p) => [p.name, p.roles, p.line])).toEqual([
      ['张三', ['editor', 'reviewer'], 2],
      ['李四', ['proofreader'], 4],
      ['王 五', ['photographer'], 6]
    ])
    expect(staff.skipped).toEqual([
      { line: 3, reason: 'missing-name', detail: ',校对,教务处' },
      { line: 8, reason: 'name-too-long', detail: 'x'.repeat(61) }
    ])
    expect(staff.warnings).toEqual([{ line: 4, reason: 'unknown-role', detail: '打字员' }])
  })

  it('merges a person named on several lines into one, with every role', () => {
    const staff = readStaffCsv(utf8('姓名,角色,部门\n张三,编辑,\n张三,审核,宣传部\n'))
    expect(staff.people).toEqual([{ name: '张三', roles: ['editor', 'reviewer'], department: '宣传部', line: 2, publicKey: null, titles: null, rank: null }])
    expect(staff.warnings).toEqual([{ line: 3, reason: 'duplicate', detail: '张三 (line 2)' }])
  })

  it('refuses a file whose first line does not name the columns', () => {
    expect(() => readStaffCsv(utf8('张三,编辑,宣传部\n'))).toThrow(AppError)
    expect(() => readStaffCsv(utf8('张三,编辑,宣传部\n'))).toThrow(/姓名, 角色, 部门/)
    expect(() => readStaffCsv(new Uint8Array())).toThrow(expect.objectContaining({ code: 'csv-invalid' }))
  })
})

describe('CSV writing', () => {
  const directory: OfficeDirectory = {
    version: 2,
    people: [
      { id: 'p-1', name: '张三', roles: ['editor', 'proofreader'], department: '宣传部', publicKey: null, titles: [], rank: null },
      { id: 'p-2', name: '=HYPERLINK("http://evil")', roles: [], department: '他说"好", 然后', publicKey: null, titles: [], rank: null }
    ],
    departments: [],
    columns: []
  }

  it('writes UTF-8 with a BOM and CRLF so Excel opens Chinese correctly, quoting what needs it', () => {
    const bytes = staffCsv(directory, 'zh-CN')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe(
      '姓名,角色,部门\r\n张三,编辑、校对,宣传部\r\n"\'=HYPERLINK(""http://evil"")",,"他说""好"", 然后"\r\n'
    )
  })

  it('reads back what it wrote, formula guard and all', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const staff = readStaffCsv(staffCsv(directory, language))
      expect(staff.people.map(({ name, roles, department }) => ({ name, roles, department }))).toEqual(directory.people.map(({ name, roles, department }) => ({ name, roles, department })))
      expect(staff.warnings).toEqual([])
    }
  })

  it('formats plain fields without quotes', () => {
    expect(formatCsv([['a', 'b c'], ['中文', '']])).toBe('a,b c\r\n中文,\r\n')
  })
})

describe('role words and pinyin initials', () => {
  it('knows the Chinese and English words for each role', () => {
    expect(['编辑', '供稿', '作者', '摄影', '校对', '审核', 'Editor', 'writer', 'PHOTOGRAPHER', 'proofreader', 'reviewer'].map(roleOfWord)).toEqual([
      'editor',
      'author',
      'author',
      'photographer',
      'proofreader',
      'reviewer',
      'editor',
      'author',
      'photographer',
      'proofreader',
      'reviewer'
    ])
    expect(roleOfWord('打字员')).toBeNull()
  })

  it('gives the initials people type to find a name', () => {
    expect(pinyinInitials('张晓明')).toBe('zxm')
    expect(pinyinInitials('欧阳娜娜')).toBe('oynn')
    expect(pinyinInitials('吕布')).toBe('lb')
    expect(pinyinInitials('John 李')).toBe('johnl')
    // Each character's initial is kept once found: the same characters in another order, and again.
    expect(pinyinInitials('明晓张')).toBe('mxz')
    expect(pinyinInitials('张晓明')).toBe('zxm')
  })
})
