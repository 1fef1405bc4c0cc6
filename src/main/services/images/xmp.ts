import type { CaptureTime } from '../../../shared/model/image'

export type CreditMetadata = {
  photographer?: string | undefined
  capturedAt?: CaptureTime | null | undefined
}

/**
 * The only metadata a published photo carries: who took it (Dublin Core creator and rights, which
 * WordPress, Lightroom and exiftool all read) and, when asked, when.
 */
export function creditXmp({ photographer, capturedAt }: CreditMetadata): string | null {
  const name = photographer ? cleanText(photographer) : ''
  if (!name && !capturedAt) return null
  const fields: string[] = []
  if (name) {
    fields.push(`<dc:creator><rdf:Seq><rdf:li>${escapeXml(name)}</rdf:li></rdf:Seq></dc:creator>`)
    fields.push(`<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© ${escapeXml(name)}</rdf:li></rdf:Alt></dc:rights>`)
  }
  if (capturedAt) {
    fields.push(`<photoshop:DateCreated>${capturedAt}</photoshop:DateCreated>`, `<xmp:CreateDate>${capturedAt}</xmp:CreateDate>`)
  }
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    ...fields,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>'
  ].join('\n')
}

/** Control characters are not allowed in XML 1.0 at all, so they are dropped rather than escaped. */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim().slice(0, 200)
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}
