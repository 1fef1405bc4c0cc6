import { seededRandom } from './random'

/**
 * Campus news with the variety of real text, for search benchmarks: newsText's 38 words give a few hundred
 * distinct bigrams, a real library has hundreds of thousands, and an index's size and speed depend on that.
 * Words come from a campus vocabulary (frequent) and from two-character words over the 3,755 common characters
 * of GB2312 level 1 (a long Zipf-like tail), with names, dates and numbers as news carries them.
 */
const CAMPUS_WORDS = [
  '学校', '同学们', '老师', '校园', '秋季运动会', '开幕式', '班级', '宣传部', '活动', '比赛', '升旗仪式', '图书馆',
  '志愿者', '社团', '科技节', '合唱团', '篮球赛', '家长会', '期中考试', '表彰大会', '热烈', '认真', '积极', '精彩',
  '举行', '参加', '组织', '展示', '获得', '体现', '提高', '鼓励', '今天上午', '下午', '全体师生', '校长', '讲话', '成绩',
  '教学', '科研', '实验室', '研讨会', '讲座', '课题', '学院', '专业', '毕业生', '新生', '军训', '就业', '创新创业',
  '党支部', '主题教育', '思政课', '劳动教育', '心理健康', '安全教育', '消防演练', '读书月', '艺术节', '文艺汇演',
  '校友', '合作', '签约', '交流', '调研', '指导', '座谈会', '会议', '部署', '落实', '推进', '高质量发展', '双高计划'
]
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const STOPS = ['，', '，', '，', '。', '；', '！', '、']

let commonChars: string | null = null
/** The 3,755 characters of GB2312 level 1, decoded once (Node's full ICU knows GBK). */
function common(): string {
  if (commonChars) return commonChars
  const decoder = new TextDecoder('gbk')
  let chars = ''
  for (let row = 0xb0; row <= 0xd7; row++) {
    for (let col = 0xa1; col <= 0xfe; col++) chars += decoder.decode(new Uint8Array([row, col]))
  }
  commonChars = chars.replace(/[^\p{Script=Han}]/gu, '')
  return commonChars
}

const VOCABULARY_SIZE = 30_000
const NAME_POOL = 3_000
let vocabulary: { words: string[]; names: string[] } | null = null

/** A fixed lexicon of two- and three-character words and a pool of people, the same on every run. */
function lexicon(): { words: string[]; names: string[] } {
  if (vocabulary) return vocabulary
  const random = seededRandom(20_240_901)
  const chars = common()
  // Characters are Zipf-like too: the first ones of a shuffled list are drawn far more often.
  const pick = () => chars.charAt(Math.floor(random() ** 2.5 * chars.length))
  const words = [...CAMPUS_WORDS]
  while (words.length < VOCABULARY_SIZE) words.push(pick() + pick() + (random() < 0.25 ? pick() : ''))
  const names = Array.from({ length: NAME_POOL }, () => personName(random))
  vocabulary = { words, names }
  return vocabulary
}

/** A rank drawn with probability about 1/rank (Zipf's law of word frequencies). */
const zipf = (random: () => number, size: number) => Math.min(size - 1, Math.floor(Math.exp(random() * Math.log(size + 1))) - 1)

export function personName(random: () => number): string {
  const chars = common()
  const surname = SURNAMES.charAt(Math.floor(random() * SURNAMES.length))
  const given = chars.charAt(Math.floor(random() * chars.length)) + (random() < 0.7 ? chars.charAt(Math.floor(random() * chars.length)) : '')
  return surname + given
}

/** Campus-news-like prose of exactly `length` characters, the same for the same seed. */
export function campusNews(length: number, seed: number): string {
  const random = seededRandom(seed)
  const { words, names } = lexicon()
  const parts: string[] = []
  let size = 0
  while (size < length) {
    const roll = random()
    let word: string
    if (roll < 0.95) word = words[zipf(random, words.length)] ?? ''
    else if (roll < 0.98) word = names[Math.floor(random() * names.length)] ?? ''
    else word = `${2020 + Math.floor(random() * 6)}年${1 + Math.floor(random() * 12)}月${1 + Math.floor(random() * 28)}日`
    parts.push(word)
    size += word.length
    if (random() < 0.15) {
      const stop = STOPS[Math.floor(random() * STOPS.length)] ?? '，'
      parts.push(stop)
      size += 1
    }
  }
  return parts.join('').slice(0, length)
}
