/**
 * 字数 as Chinese word processors (WPS, Word's 中文字数 + 英文字数) count it:
 * - each CJK character is one: Han (including 〇), kana and Hangul syllables;
 * - each run of other letters and digits is one word: `Campus` `iPhone15` `5G` `don't` `e-mail` `Wi-Fi`;
 *   a point between letters or digits does not split a run (`3.5`, `www.example.com`, `v1.2`), nor does a
 *   comma between digits (`1,000`); so `2026年` is two and `3.5%` is one;
 * - each emoji is one, however many code points it takes (a family, a skin tone, a flag), because a reader
 *   sees one picture, like one character;
 * - punctuation (full- and half-width), symbols and spaces count nothing.
 */
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`
const LETTER = String.raw`(?:(?![${CJK}])[\p{L}\p{N}\p{M}])`
const JOINER = String.raw`(?:['’\-.](?=${LETTER})|(?<=\p{Nd}),(?=\p{Nd}))`
const EMOJI_UNIT = String.raw`(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)\p{Emoji_Modifier}?`
const EMOJI = String.raw`\p{Regional_Indicator}{2}|${EMOJI_UNIT}(?:\u200D(?:${EMOJI_UNIT}|\p{Extended_Pictographic}))*`
const TOKEN = new RegExp(String.raw`[${CJK}]|${EMOJI}|${LETTER}+(?:${JOINER}${LETTER}+)*`, 'gu')

export function countWords(text: string): number {
  let count = 0
  for (const _ of text.matchAll(TOKEN)) count += 1
  return count
}
