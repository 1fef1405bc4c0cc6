import type { ArticleMetadata } from '../../../src/shared/model/metadata'
import { emptyMetadata } from '../../../src/shared/model/metadata'

/** Builders for serialized bodies shaped the way Lexical 0.52's exportJSON writes them (fields and all). */

type Node = Record<string, unknown>

export const element = { direction: null, format: '', indent: 0, version: 1 } as const

export const text = (value: string, format = 0, style = ''): Node => ({
  detail: 0,
  format,
  mode: 'normal',
  style,
  text: value,
  type: 'text',
  version: 1
})
export const br = (): Node => ({ type: 'linebreak', version: 1 })
export const tab = (): Node => ({ detail: 2, format: 0, mode: 'normal', style: '', text: '\t', type: 'tab', version: 1 })
export const paragraph = (...children: Node[]): Node => ({
  ...element,
  children,
  textFormat: 0,
  textStyle: '',
  type: 'paragraph'
})
export const heading = (tag: string, ...children: Node[]): Node => ({ ...element, children, tag, type: 'heading' })
export const quote = (...children: Node[]): Node => ({ ...element, children, type: 'quote' })
export const link = (url: string, ...children: Node[]): Node => ({
  ...element,
  children,
  rel: 'noreferrer',
  target: null,
  title: null,
  url,
  type: 'link'
})
export const autolink = (url: string, isUnlinked = false): Node => ({
  ...element,
  children: [text(url)],
  isUnlinked,
  rel: null,
  target: null,
  title: null,
  url,
  type: 'autolink'
})
export const listItem = (value: number, ...children: Node[]): Node => ({ ...element, children, value, type: 'listitem' })
export const list = (listType: 'bullet' | 'number' | 'check', start: number, ...children: Node[]): Node => ({
  ...element,
  children,
  listType,
  start,
  tag: listType === 'number' ? 'ol' : 'ul',
  type: 'list'
})
export const hr = (): Node => ({ type: 'horizontalrule', version: 1 })

export const assetId = (n: number, ext = 'jpg'): string => `sha256-${n.toString(16).padStart(64, '0')}.${ext}`
export const image = (id: string, caption = '', alt = '', credit = ''): Node => ({
  type: 'image',
  version: 1,
  assetId: id,
  caption,
  alt,
  credit,
  width: 'full',
  align: 'center'
})
export const gallery = (...images: { assetId: string; caption?: string; alt?: string; credit?: string }[]): Node => ({
  type: 'gallery',
  version: 1,
  images: images.map((photo) => ({ caption: '', alt: '', credit: '', ...photo }))
})
export const body = (...children: unknown[]): { root: Node } => ({ root: { ...element, children, type: 'root' } })

export const metadata = (fields: Partial<ArticleMetadata> = {}): ArticleMetadata => ({ ...emptyMetadata(), ...fields })

/** Assets the tests pretend were uploaded; anything else is "not uploaded yet". */
export const resolveUploaded =
  (...missing: string[]) =>
  (id: string): string | null =>
    missing.includes(id) ? null : `https://news.example.edu.cn/uploads/${id}`

const BOLD = 1
const ITALIC = 2
const STRIKE = 4
const UNDERLINE = 8

/** A typical campus news article: the shape the office publishes every week. */
export const campusNews = {
  body: body(
    paragraph(
      text('11月18日下午，学校在行政楼三楼会议室召开'),
      text('“双高计划”建设推进会', BOLD),
      text('，校领导、各二级学院及职能部门负责人参加会议。')
    ),
    heading('h1', text('一、总结阶段成果')),
    paragraph(
      text('会议指出，2026年学校共完成建设任务'),
      text('136', BOLD | ITALIC),
      text('项，完成率达98.5%。详见'),
      link('https://www.example.edu.cn/sgjh/2026/index.html?from=news&id=7', text('双高计划专题网站')),
      text('。')
    ),
    image(assetId(1), '会议现场', '推进会会议现场，与会人员正在听取汇报', '赵六'),
    heading('h4', text('二、部署下一步工作')),
    list(
      'number',
      1,
      listItem(1, text('对照任务书逐项'), text('查漏补缺', UNDERLINE), text('；')),
      listItem(2, text('强化'), text('过程', STRIKE), text('质量监控；')),
      listItem(3, text('做好迎接中期'), text('绩效评价', BOLD), text('的准备。'))
    ),
    quote(text('“建设只有进行时，没有完成时。”')),
    gallery(
      { assetId: assetId(2), caption: '分组讨论', alt: '教师分组讨论', credit: '赵六' },
      { assetId: assetId(3, 'png'), caption: '', alt: '学生代表发言' },
      { assetId: assetId(4, 'webp'), caption: '合影留念', alt: '全体与会人员合影', credit: '钱七' }
    ),
    paragraph(),
    paragraph(text('会议要求各部门高度重视，确保各项任务按期完成。'))
  ),
  metadata: metadata({
    column: '校园动态',
    title: '学校召开“双高计划”建设推进会',
    subtitle: '全面总结2026年建设成效 部署下一阶段重点任务',
    sourceDepartment: '双高办',
    editor: '陈八',
    authors: ['张三'],
    photographers: ['张三'],
    proofreader: '李四',
    reviewer: '王五',
    publishAt: '2026-11-19T17:30:00Z'
  })
}

/** Lists three deep, check lists, and every kind of link, safe and not. */
export const listsAndLinks = {
  body: body(
    paragraph(text('报名方式：')),
    list(
      'number',
      3,
      listItem(3, text('登录'), link('https://jwc.example.edu.cn/login', text('教务系统')), text('填写信息')),
      listItem(4, list('bullet', 1, listItem(1, text('本科生')), listItem(2, text('研究生'), br(), text('（含非全日制）')))),
      listItem(5, text('发送邮件至'), link('mailto:tw@example.edu.cn?subject=报名', text('tw@example.edu.cn'))),
      listItem(
        6,
        list('number', 1, listItem(1, text('第一层')), listItem(2, list('bullet', 1, listItem(1, text('第二层'), tab(), text('缩进')))))
      )
    ),
    list('check', 1, listItem(1, text('已交材料')), listItem(2, text('待审核'))),
    paragraph(
      link('javascript:alert(document.cookie)', text('点我领奖')),
      text(' | '),
      link('  JaVaScRiPt:alert(1)', text('大小写混写')),
      text(' | '),
      link('java\tscript:alert(1)', text('带制表符')),
      text(' | '),
      link('data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', text('数据链接')),
      text(' | '),
      link('/relative/path', text('相对路径')),
      text(' | '),
      link(`https://example.edu.cn/search?q="<b>"&x='1'`, text('需要编码的网址'))
    ),
    paragraph(text('官网：'), autolink('https://www.example.edu.cn'), text('，已取消链接：'), autolink('https://unlinked.example.edu.cn', true))
  ),
  metadata: metadata({ column: '通知公告', title: '关于报名参加校园开放日志愿服务的通知', sourceDepartment: '团委' })
}

/** What a paste from the web or a tampered file can bring: every field carries something hostile. */
export const hostile = {
  body: body(
    paragraph(text('<script>alert("x")</script>'), text(' & "quotes" & \'apostrophes\'', BOLD, 'color:red;background:url(javascript:alert(1))')),
    paragraph(text('"><img src=x onerror=alert(1)>'), text('code', 16), text('sub', 32 | BOLD)),
    paragraph(link('https://example.edu.cn/"><img/src=x/onerror=alert(1)>', text('"><img src=x onerror=alert(1)>'))),
    image(assetId(5), '"><img src=x onerror=alert(1)>', '" onload="alert(1)', '<b>赵六</b>'),
    image('data:image/png;base64,iVBORw0KGgo=', '数据网址图片的图注'),
    image('../../etc/passwd', ''),
    image(assetId(6), '未上传的图片'),
    image(assetId(7), ''),
    { type: 'code', language: 'js', ...element, children: [text('const a = "<b>";'), br(), text('alert(a)')] },
    paragraph({ type: 'mark', ids: ['x'], ...element, children: [text('标注文字')] }, { type: 'hashtag', text: '#校园', format: 0, version: 1 }),
    {
      type: 'table',
      ...element,
      children: [{ type: 'tablerow', ...element, children: [{ type: 'tablecell', ...element, children: [paragraph(text('表格单元'))] }] }]
    },
    paragraph(image(assetId(8), '段落里的图片'), text('图片后的文字')),
    gallery(
      { assetId: assetId(9) },
      { assetId: 'javascript:alert(1)', caption: '坏图' },
      { assetId: assetId(10) },
      { assetId: assetId(11) },
      { assetId: assetId(12) },
      { assetId: assetId(13), caption: '第五张' }
    ),
    { type: 'iframe', src: 'https://evil.example/' },
    'not a node',
    heading('h6', text('<h1>标题</h1>'))
  ),
  metadata: metadata({
    column: '<i>栏目</i>',
    title: '标题 <script>alert(1)</script>',
    subtitle: "副标题 ' \" &amp;",
    sourceDepartment: '<b>部门</b>',
    editor: '"编辑"',
    authors: ['<img src=x onerror=alert(1)>'],
    photographers: ['赵六'],
    proofreader: 'javascript:alert(1)',
    reviewer: '',
    publishAt: '2026-01-05T00:00:00+08:00'
  })
}
