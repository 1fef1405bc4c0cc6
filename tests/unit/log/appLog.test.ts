import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAppLog, formatLogLine, scrubSecrets } from '../../../src/main/services/log/appLog'

describe('scrubSecrets', () => {
  it.each([
    ['GET https://editor:s3cr3t-pw@news.example.edu.cn/wp-json/wp/v2/posts failed', 'GET https://[secret]@news.example.edu.cn/wp-json/wp/v2/posts failed'],
    ['headers: {"Authorization":"Basic ZWRpdG9yOnMzY3IzdA=="}', 'headers: {"Authorization":"[secret]"}'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def', 'Authorization: [secret]'],
    ['retry with bearer eyJhbGciOiJIUzI1NiJ9.abc.def', 'retry with bearer [secret]'],
    ['https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=abc123def&x=1', 'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=[secret]&x=1'],
    ['{"password":"老师的密码123","user":"editor"}', '{"password":"[secret]","user":"editor"}'],
    ['access_token=AbC.123 expired', 'access_token=[secret] expired'],
    ['application password abcd EFGH 1234 ijkl MNOP 5678 rejected', 'application password [secret] rejected']
  ])('%s', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected)
  })

  it('leaves ordinary messages alone', () => {
    const message = 'could not open D:\\稿件\\2026 秋季运动会.docx: EBUSY (the file is open in Word)'
    expect(scrubSecrets(message)).toBe(message)
  })
})

describe('createAppLog', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-log-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const at = () => new Date('2026-12-06T08:00:00.000Z')

  it('writes one scrubbed line per entry, stack traces included, into a folder it creates', async () => {
    const log = createAppLog({ file: join(dir, 'logs', 'main.log'), now: at })
    const error = new Error('publish failed for https://editor:pw@site.example/')
    log.error('publishing', error)
    const text = await readFile(join(dir, 'logs', 'main.log'), 'utf8')
    expect(text.split('\n').filter(Boolean)).toHaveLength(1)
    expect(text).toMatch(/^2026-12-06T08:00:00.000Z ERROR publishing Error: publish failed for https:\/\/\[secret\]@site.example\//)
    expect(text).toContain('⏎')
    expect(text).not.toContain(':pw@')
  })

  it('rotates at the size cap and keeps only the given number of old files', async () => {
    const file = join(dir, 'main.log')
    const log = createAppLog({ file, maxBytes: 1000, keep: 2, now: at })
    for (let i = 0; i < 100; i++) log.warn(`entry ${i} ${'x'.repeat(50)}`)
    const files = (await readdir(dir)).sort()
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const name of files) expect((await readFile(join(dir, name))).byteLength).toBeLessThanOrEqual(1000)
    expect(await readFile(file, 'utf8')).toContain('entry 99 ')
    expect(log.tail(100_000)).toContain('entry 99 ')
    expect(log.tail(200).startsWith('2026-')).toBe(true)
  })

  it('caps a single huge entry too', async () => {
    const log = createAppLog({ file: join(dir, 'main.log'), maxBytes: 1000, now: at })
    log.error('server said', 'y'.repeat(10_000))
    expect((await readFile(join(dir, 'main.log'))).byteLength).toBeLessThanOrEqual(1000)
  })

  it('reports a failed write instead of throwing', () => {
    const errors: unknown[] = []
    // A file where the folder should be: mkdir fails, as on a read-only profile.
    const log = createAppLog({ file: join('/dev/null', 'main.log'), onWriteError: (e) => errors.push(e) })
    expect(() => log.error('x')).not.toThrow()
    expect(errors).toHaveLength(1)
  })

  it('formats non-error details as JSON', () => {
    expect(formatLogLine(at(), 'info', 'outbox', { jobs: 2 })).toBe('2026-12-06T08:00:00.000Z INFO outbox {"jobs":2}\n')
  })
})
