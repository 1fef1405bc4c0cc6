import type { DraftContent } from '../../src/shared/model/draft'

// Common characters of school news; each save's text is drawn from them by its sequence number.
const POOL =
  '学校同学老师校园运动会开幕式班级宣传部活动比赛升旗仪式图书馆志愿者社团科技节合唱团篮球家长期中考试表彰大会热烈认真积极精彩举行参加组织展示获得体现提高鼓励今天上午下午全体师生校长讲话成绩进步努力团结友爱健康快乐'

export const CRASH_BODY_CHARS = 4000
const PARAGRAPH_CHARS = 500

/**
 * The content of save number `n`: the title carries n, and every character of the body is derived
 * from n, so a file that mixed two saves (or was cut short) can never pass for either one.
 */
export function crashContent(n: number): DraftContent {
  let state = (n * 2654435761) >>> 0
  let text = ''
  for (let i = 0; i < CRASH_BODY_CHARS; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    text += POOL[state % POOL.length]
  }
  const children = []
  for (let at = 0; at < text.length; at += PARAGRAPH_CHARS) {
    children.push({ type: 'paragraph', children: [{ type: 'text', text: text.slice(at, at + PARAGRAPH_CHARS) }] })
  }
  return { title: `第${n}次保存`, column: '崩溃测试', body: { root: { type: 'root', children } } }
}
