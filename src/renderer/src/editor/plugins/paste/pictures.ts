import { ASSET_ID_PATTERN, cleanLine, type ArticleBlock, type ArticleImage } from '../../../../../shared/article/schema'
import { WORD_CLIP_URL } from '../../../../../shared/ipc/channels/assets'
import type { ConvertedBlock, PictureRef } from './htmlToBlocks'

/**
 * Why a picture of pasted or imported HTML did not become an image:
 *  - `missing`: Word's clipboard file (msohtmlclip) is gone: Word deletes it when it closes or copies again;
 *  - `remote`: a web address. Not fetched on purpose: downloading pictures named by pasted HTML would tell
 *    their server who pastes what and when, and would let a page make the app request any address;
 *  - `local-file`: a file: address outside Word's clipboard folder, which we never read;
 *  - `unsupported`: a format the article cannot show (EMF, WMF, TIFF, BMP…) or a damaged file;
 *  - `failed`: reading or storing it failed (a full disk, say);
 *  - `no-source`: no address we could use at all;
 *  - `draft-gone`: copied from another draft that no longer has the picture (deleted, or the draft itself).
 */
export type PictureProblem = 'missing' | 'remote' | 'local-file' | 'unsupported' | 'failed' | 'no-source' | 'draft-gone'

export type PictureWords = {
  /** The paragraph that stands in for the picture, e.g. 〔图片未能导入：clip_image001.png（…）〕. */
  placeholder(name: string, problem: PictureProblem): string
  /** The name of a picture that has none. */
  unnamed: string
}

export type PictureServices = {
  /** Stores a picture from Word's clipboard folder; rejects with an error carrying `.code` as NewsroomError does. */
  importWordClip(url: string): Promise<{ assetId: string }>
}

export type PictureOutcome = { name: string; problem: PictureProblem }

export type ResolvedBlocks = { blocks: ArticleBlock[]; imported: number; problems: PictureOutcome[] }

function nameOf(picture: PictureRef, words: PictureWords): string {
  if (picture.missingName) return picture.missingName
  try {
    const last = new URL(picture.src).pathname.split('/').pop() ?? ''
    const decoded = cleanLine(decodeURIComponent(last))
    if (decoded !== '') return decoded.slice(0, 120)
  } catch {
    // Not a URL: fall back to the alt text.
  }
  return picture.alt.slice(0, 120) || words.unnamed
}

/** The address in the form main checks: `file:///C:\…\x.png` (Firefox's Word clips) → `file:///C:/…/x.png`. */
export function normalizedWordClipUrl(src: string): string | null {
  try {
    const url = new URL(src)
    return url.protocol === 'file:' && WORD_CLIP_URL.test(url.href) ? url.href : null
  } catch {
    return null
  }
}

export function problemOf(error: unknown): PictureProblem {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'not-found') return 'missing'
  if (code === 'unsupported-file' || code === 'corrupt-file' || code === 'file-too-large') return 'unsupported'
  return 'failed'
}

function imageBlock(assetId: string, alt: string, caption = ''): ArticleImage {
  return { type: 'image', version: 1, assetId, caption, alt, credit: '', width: 'full', align: 'center' }
}

function placeholderBlock(text: string): ArticleBlock {
  return {
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    children: [{ type: 'text', version: 1, text, format: 0 }]
  }
}

/** Word clipboard pictures among the blocks, by their normalized address: what main must store first. */
export function wordClipUrls(blocks: readonly ConvertedBlock[]): string[] {
  const urls = new Set<string>()
  for (const block of blocks) {
    if (block.type !== 'picture' || block.missingName) continue
    const url = normalizedWordClipUrl(block.src)
    if (url) urls.add(url)
  }
  return [...urls]
}

export type StoredClips = ReadonlyMap<string, { assetId: string } | { error: unknown }>

/** Stores every Word clipboard picture once (a paste may show the same one twice). */
export async function storeWordClips(urls: readonly string[], services: PictureServices): Promise<StoredClips> {
  type Entry = [string, { assetId: string } | { error: unknown }]
  const results = await Promise.all(
    urls.map(async (url): Promise<Entry> => {
      try {
        return [url, await services.importWordClip(url)]
      } catch (error) {
        return [url, { error }]
      }
    })
  )
  return new Map(results)
}

/**
 * Turns each picture into an image of a stored asset, or into a placeholder paragraph that says which
 * picture is missing and why. Synchronous: Word's clipboard pictures are stored beforehand
 * (storeWordClips), because the editor update that inserts the result must not wait on anything.
 */
export function placePictures(blocks: readonly ConvertedBlock[], clips: StoredClips, words: PictureWords): ResolvedBlocks {
  const out: ArticleBlock[] = []
  const problems: PictureOutcome[] = []
  let imported = 0
  const fail = (picture: PictureRef, problem: PictureProblem) => {
    const name = nameOf(picture, words)
    problems.push({ name, problem })
    out.push(placeholderBlock(words.placeholder(name, problem)))
  }
  for (const block of blocks) {
    if (block.type !== 'picture') {
      out.push(block)
      continue
    }
    const src = block.src
    if (block.missingName) {
      fail(block, 'unsupported')
    } else if (/^asset:/i.test(src)) {
      const assetId = src.slice('asset:'.length)
      if (ASSET_ID_PATTERN.test(assetId)) {
        out.push(imageBlock(assetId, block.alt, block.caption))
        imported++
      } else fail(block, 'no-source')
    } else if (/^https?:/i.test(src)) {
      fail(block, 'remote')
    } else if (/^file:/i.test(src)) {
      const url = normalizedWordClipUrl(src)
      const clip = url ? clips.get(url) : undefined
      if (!url) fail(block, 'local-file')
      else if (!clip) fail(block, 'failed')
      else if ('error' in clip) fail(block, problemOf(clip.error))
      else if (!ASSET_ID_PATTERN.test(clip.assetId)) fail(block, 'unsupported')
      else {
        out.push(imageBlock(clip.assetId, block.alt, block.caption))
        imported++
      }
    } else {
      fail(block, 'no-source')
    }
  }
  return { blocks: out, imported, problems }
}
