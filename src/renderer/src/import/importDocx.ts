import { sanitizeArticleBody } from '@shared/article/schema'
import type { ArticleBody } from '@shared/model/draft'
import type { DocxImportWarning } from '@shared/ipc/channels/imports'
import { newsroom } from '../newsroom'
import { convertHtmlToArticle } from '../editor/plugins/paste/convert'
import type { PictureWords } from '../editor/plugins/paste/pictures'

export type ImportedDocx = { draftId: string; title: string; warnings: DocxImportWarning[] }

/**
 * 导入 Word 文档: main shows the file dialog, reads the .docx with mammoth into a new draft (title and
 * pictures) and hands back HTML; the body is made here by the same pipeline as a paste and saved. Null
 * when the person cancelled. If the body cannot be made or saved, the half-made draft goes to the trash.
 */
export async function importWordDocument(words: PictureWords, registered: ReadonlySet<string>): Promise<ImportedDocx | null> {
  const answer = await newsroom().imports.docx({})
  if (answer.cancelled) return null
  try {
    const converted = await convertHtmlToArticle(answer.html, { source: 'docx', services: null, words, registered })
    const { body } = sanitizeArticleBody({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: converted.blocks } })
    await newsroom().drafts.save({ id: answer.draftId, content: { title: answer.title, column: answer.column, body: body as unknown as ArticleBody } })
    return { draftId: answer.draftId, title: answer.title, warnings: answer.warnings }
  } catch (error) {
    await newsroom()
      .drafts.trash({ id: answer.draftId })
      .catch(() => undefined)
    throw error
  }
}
