import { describe, expect, it } from 'vitest'
import { runChecks } from '../../../src/shared/checks/engine'
import type { Finding } from '../../../src/shared/checks/types'
import { ARTICLES, INJECTIONS, inject, inputOf, type Expected } from '../../fixtures/checks/corpus'

/**
 * § Precision: the clean corpus yields no error-level finding, every injected error is found where it was put,
 * and the test prints recall and precision per rule (a false alarm is any error or warning of the rule that is
 * not an injected error; warnings on the clean articles are counted, not failed).
 */

const overlaps = (f: Finding, e: Expected) => f.ruleId === e.rule && f.segment === e.segment && f.start <= e.end && f.end >= e.start

describe('precision corpus', () => {
  it('has at least 30 clean articles in the office style', () => {
    expect(ARTICLES.length).toBeGreaterThanOrEqual(30)
    expect(new Set(ARTICLES.map((a) => a.id)).size).toBe(ARTICLES.length)
  })

  it('finds no error in any clean article', () => {
    const errors = ARTICLES.flatMap((article) =>
      runChecks(inputOf(article))
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${article.id}: ${f.ruleId} “${f.excerpt}” ${JSON.stringify(f.params ?? {})}`)
    )
    expect(errors).toEqual([])
  })

  it('finds every injected error, and prints recall and precision per rule', () => {
    const stats = new Map<string, { injected: number; found: number; falseAlarms: number; severity: string }>()
    const stat = (rule: string) => {
      let s = stats.get(rule)
      if (!s) stats.set(rule, (s = { injected: 0, found: 0, falseAlarms: 0, severity: '' }))
      return s
    }
    const missed: string[] = []
    for (const article of ARTICLES) {
      for (const f of runChecks(inputOf(article)).findings) {
        stat(f.ruleId).falseAlarms += 1
        stat(f.ruleId).severity = f.severity
      }
    }
    for (const injection of INJECTIONS) {
      const article = ARTICLES.find((a) => a.id === injection.article)
      if (!article) throw new Error(`no article ${injection.article}`)
      const { input, expected } = inject(article, injection)
      const findings = runChecks(input).findings
      const s = stat(injection.rule)
      s.injected += 1
      const hit = findings.find((f) => overlaps(f, expected))
      if (hit) {
        s.found += 1
        s.severity = hit.severity
      } else missed.push(`${injection.article}: ${injection.rule} — got ${findings.map((f) => `${f.ruleId} “${f.excerpt}”`).join(', ') || 'nothing'}`)
      // Whatever else fires on the injected copy beyond the clean article's findings is a false alarm of that rule.
      const clean = runChecks(inputOf(article)).findings
      for (const f of findings) {
        if (overlaps(f, expected)) continue
        if (clean.some((c) => c.ruleId === f.ruleId && c.excerpt === f.excerpt)) continue
        stat(f.ruleId).falseAlarms += 1
      }
    }
    const rows = [...stats.entries()].sort(([a], [b]) => a.localeCompare(b))
    const table = rows.map(([rule, s]) => {
      const recall = s.injected === 0 ? '—' : `${((100 * s.found) / s.injected).toFixed(0)}%`
      const precision = s.found + s.falseAlarms === 0 ? '—' : `${((100 * s.found) / (s.found + s.falseAlarms)).toFixed(0)}%`
      return `${rule.padEnd(30)} ${s.severity.padEnd(8)} injected ${String(s.injected).padStart(2)}  found ${String(s.found).padStart(2)}  false alarms ${String(s.falseAlarms).padStart(3)}  recall ${recall.padStart(4)}  precision ${precision.padStart(4)}`
    })
    console.log(`\n发布前检查 precision corpus: ${ARTICLES.length} articles, ${INJECTIONS.length} injected errors\n${table.join('\n')}`)
    expect(missed).toEqual([])
  })
})
