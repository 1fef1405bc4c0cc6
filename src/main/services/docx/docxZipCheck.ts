import { AppError } from '../../../shared/errors'
import { extractEntry, locateEntryData, readCentralDirectory } from '../package/zipReader'

/** A Word document with a few hundred photos has a few thousand parts; more is not a document. */
export const MAX_DOCX_ENTRIES = 10_000
/** What all parts of a .docx may inflate to together: photos barely compress, so this is far above any real document. */
export const MAX_DOCX_INFLATED_BYTES = 300 * 1024 * 1024

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`

/**
 * Checks a .docx's zip directory with the package reader before mammoth (whose unzip trusts the file) sees
 * it: the declared sizes are added up and capped, then every part is inflated with a hard limit and its
 * checksum checked, so a part that lies about its size (a decompression bomb) is caught at the limit
 * instead of filling memory. Refusals name the real reason.
 */
export function checkDocxZip(bytes: Uint8Array, name: string): void {
  try {
    const entries = readCentralDirectory(bytes, MAX_DOCX_ENTRIES)
    const declared = entries.reduce((sum, entry) => sum + entry.declaredSize, 0)
    if (declared > MAX_DOCX_INFLATED_BYTES) {
      throw new AppError('file-too-large', `${name} would unpack to ${mb(declared)}; a Word document may unpack to at most ${mb(MAX_DOCX_INFLATED_BYTES)} (this one looks like a decompression bomb)`)
    }
    for (const [entry, data] of locateEntryData(bytes, entries)) if (!entry.isDirectory) extractEntry(entry, data)
  } catch (error) {
    if (error instanceof AppError && error.code === 'package-invalid') {
      // No zip structure at all: not a Word document (an old .doc renamed, say); a structure that is off: damaged.
      const notZip = error.message.startsWith('this is not a zip file')
      throw new AppError(notZip ? 'unsupported-file' : 'corrupt-file', `${name} is ${notZip ? 'not a Word document (.docx)' : 'damaged or not an ordinary Word file'}: ${error.message}`, { cause: error })
    }
    throw error
  }
}
