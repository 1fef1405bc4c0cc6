import sharp from 'sharp'
import type { AppServices } from '../../src/main/compose'
import type { ArticleOutputSettings } from '../../src/shared/article/articleOf'
import type { Draft } from '../../src/shared/model/draft'
import { ArticleMetadataSchema } from '../../src/shared/model/metadata'
import { element, heading, link, paragraph, text } from '../unit/article/fixtures'

/**
 * The office's credit settings every output is checked against: not the defaults in any part (own template,
 * Traditional script), so an output that ignores them shows the default line and fails.
 */
export const OFFICE_OUTPUT: ArticleOutputSettings = {
  creditTemplate: '[来稿：{source}]；[摄影：{allPhotographers}]；[责任编辑：{editor}]；[审核：{reviewer}]',
  creditScript: 'traditional-tw'
}

export const SEED = {
  title: '学校召开“双高计划”建设推进会',
  column: '校园动态',
  subtitle: '部署下一阶段重点任务',
  paragraphs: ['11月20日下午，学校在行政楼第一会议室召开“双高计划”建设推进会，校领导班子成员及各建设任务负责人参加会议。', '会上，各项目组依次汇报了本年度建设任务的完成情况。'],
  heading: '下一步工作安排',
  items: ['对照任务书逐项查漏补缺', '按期高质量完成建设目标'],
  linkText: '学校主页',
  linkUrl: 'https://www.example.edu.cn/',
  captions: ['推进会会议现场', '项目组负责人汇报建设进展'],
  metadata: {
    sourceDepartment: '双高办',
    authors: ['张三'],
    photographers: ['赵六'],
    editor: '陈编辑',
    proofreader: '李四',
    reviewer: '王五',
    publishAt: '2026-11-20T08:00:00.000Z'
  }
} as const

/** A landscape photo and a tall portrait one (the portrait one would fill a Word page uncapped). */
export async function seedPhotos(): Promise<{ landscape: Buffer; portrait: Buffer }> {
  const make = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } }).jpeg({ quality: 85 }).toBuffer()
  return { landscape: await make(1600, 1000, '#2f6fb5'), portrait: await make(900, 1600, '#b52f4a') }
}

/** The seed article through the real services: two photos with captions, a heading, a list and a link. */
export async function seedArticle(app: AppServices): Promise<Draft> {
  const { landscape, portrait } = await seedPhotos()
  const created = await app.drafts().create({ title: SEED.title, column: SEED.column })
  const first = await app.assets().importBytes(created.id, landscape, '会议现场.jpg')
  const second = await app.assets().importBytes(created.id, portrait, '汇报.jpg')
  const image = (assetId: string, caption: string) => ({ type: 'image', version: 1, assetId, caption, alt: '', credit: '', width: 'full', align: 'center' })
  const list = {
    ...element,
    type: 'list',
    listType: 'bullet',
    start: 1,
    tag: 'ul',
    children: SEED.items.map((item, index) => ({ ...element, type: 'listitem', value: index + 1, children: [text(item)] }))
  }
  const body = {
    root: {
      ...element,
      type: 'root',
      children: [
        paragraph(text(SEED.paragraphs[0])),
        image(first.assetId, SEED.captions[0]),
        paragraph(text(SEED.paragraphs[1])),
        image(second.assetId, SEED.captions[1]),
        heading('h2', text(SEED.heading)),
        list,
        paragraph(text('详情见'), link(SEED.linkUrl, text(SEED.linkText)), text('。'))
      ]
    }
  }
  const metadata = ArticleMetadataSchema.parse({ ...SEED.metadata, title: SEED.title, column: SEED.column, subtitle: SEED.subtitle })
  await app.workflow.save(created.id, { title: SEED.title, column: SEED.column, body: body as Draft['body'], metadata })
  return app.drafts().open(created.id)
}
