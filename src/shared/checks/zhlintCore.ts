import { parse, toMutableResult, travel } from 'zhlint/lib/parser/index.js'
import type { Validation } from 'zhlint/lib/report.js'
import generateHandlers from 'zhlint/lib/rules/index.js'
import type { Options as RuleOptions } from 'zhlint/lib/rules/util.js'
import join from 'zhlint/lib/join.js'

/**
 * zhlint's lint of one plain-text string, without its entry module: `zhlint/lib/run.js` loads the Markdown
 * parsers (remark → decode-named-character-reference), whose browser build calls document.createElement when
 * it loads, and a Web Worker has no document. This is run.js's `lint` for one block with no Markdown, no
 * ignored cases and no debug logging, on zhlint's own parser, rules and join.
 */
export function lintText(text: string, rules: RuleOptions): Validation[] {
  const handlers = handlersFor(rules)
  const result = toMutableResult(parse(text, []), rules)
  for (const handler of handlers) travel(result.tokens, handler)
  const ruleErrors: Validation[] = []
  join(result.tokens, 0, [], [], ruleErrors, [])
  return [...result.errors, ...ruleErrors]
}

let cached: { rules: RuleOptions; handlers: ReturnType<typeof generateHandlers> } | null = null
function handlersFor(rules: RuleOptions): ReturnType<typeof generateHandlers> {
  if (cached?.rules !== rules) cached = { rules, handlers: generateHandlers(rules) }
  return cached.handlers
}
