import type { ArticleBody } from '../../src/shared/model/draft'
import { seededRandom } from './random'

const WORDS = [
  '学校', '同学们', '老师', '校园', '秋季运动会', '开幕式', '班级', '宣传部', '活动', '比赛', '升旗仪式', '图书馆',
  '志愿者', '社团', '科技节', '合唱团', '篮球赛', '家长会', '期中考试', '表彰大会', '热烈', '认真', '积极', '精彩',
  '举行', '参加', '组织', '展示', '获得', '体现', '提高', '鼓励', '今天上午', '下午', '全体师生', '校长', '讲话', '成绩'
]
const STOPS = ['，', '，', '，', '。', '；', '！']

/** Chinese news-like prose of exactly `length` characters, the same for the same seed. */
export function newsText(length: number, seed: number): string {
  const random = seededRandom(seed)
  let out = ''
  while (out.length < length) {
    out += WORDS[Math.floor(random() * WORDS.length)] ?? ''
    if (random() < 0.25) out += STOPS[Math.floor(random() * STOPS.length)] ?? ''
  }
  return out.slice(0, length)
}

/** A Lexical body of paragraphs of about `paragraphLength` characters holding `text`. */
export function articleBody(text: string, paragraphLength = 400): ArticleBody {
  const children = []
  for (let at = 0; at < text.length || children.length === 0; at += paragraphLength) {
    const slice = text.slice(at, at + paragraphLength)
    children.push({
      type: 'paragraph',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: [{ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: slice }]
    })
  }
  return { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children } }
}
