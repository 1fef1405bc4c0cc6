import { describe, expect, it } from 'vitest'
import { countWords } from '../../../src/shared/article/wordCount'

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['学校召开会议', 6],
    ['学校召开会议。', 6],
    ['，。、；：？！“”‘’《》（）【】…—·', 0],
    [',.;:?!"\'()[]{}<>-–—/\\@#$%^&*_+=~`|', 0],
    ['Campus news', 2],
    ['Hello, world!', 2],
    ['学校召开Campus News发布会', 9],
    ['2026年', 2],
    ['2026年11月20日', 6],
    ['完成率达98.5%', 5],
    ['3.5', 1],
    ['1,000人', 2],
    ['版本v1.2.3', 3],
    ["don't", 1],
    ['e-mail和Wi-Fi', 3],
    ['iPhone15和5G', 3],
    ['ＡＢＣ１２３', 1],
    ['２０２６年', 2],
    ['〇', 1],
    ['かなカナ', 4],
    ['한국어', 3],
    ['café naïve', 2],
    ['cafe\u0301', 1],
    ['😀', 1],
    ['点赞👍🏽', 3],
    ['👨‍👩‍👧‍👦', 1],
    ['🇨🇳🇭🇰', 2],
    ['❤️很好', 3],
    ['© ® ™', 0],
    ['5️⃣', 1],
    ['www.example.edu.cn', 1],
    ['tw@example.edu.cn', 2],
    ['（双高办 张三供稿/图；李四校对；王五审核）', 16]
  ])('%j → %i', (text, count) => {
    expect(countWords(text)).toBe(count)
  })

  it('counts a real paragraph the way a word processor does', () => {
    const paragraph = '11月18日下午，学校召开“双高计划”建设推进会，共完成建设任务136项。'
    // 11 月 18 日 下 午 | 学 校 召 开 | 双 高 计 划 | 建 设 推 进 会 | 共 完 成 建 设 任 务 | 136 项
    expect(countWords(paragraph)).toBe(6 + 4 + 4 + 5 + 7 + 2)
  })
})
