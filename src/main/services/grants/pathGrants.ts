import { randomBytes } from 'node:crypto'

/** What a grant may be spent on: a grant minted for one purpose never answers for another. */
export type GrantPurpose = 'site-folder' | 'dropped-file'

/**
 * Paths main itself obtained (a system dialog's answer, a file the preload saw dropped), handed to the page
 * as opaque, single-use ids. The page can show a grant's label but never turn a string of its own into a path.
 */
export type PathGrants = {
  issue(purpose: GrantPurpose, path: string): string
  /** The path behind a grant, once: a second spend, a forged id or one of another purpose answers null. */
  take(purpose: GrantPurpose, id: string): string | null
  /** Spends the grant only when `use` succeeds, so a save that failed (disk full) can be tried again. */
  spend<T>(purpose: GrantPurpose, id: string, use: (path: string) => Promise<T>): Promise<T | null>
}

/** Forgotten after this long: a dialog answered and never used must not stay spendable all day. */
const GRANT_TTL_MS = 30 * 60_000
/** A page that mints grants in a loop (drops of thousands of files) cannot grow main's memory without bound. */
const MAX_GRANTS = 10_000

export function createPathGrants(now: () => number = Date.now): PathGrants {
  const grants = new Map<string, { purpose: GrantPurpose; path: string; expires: number }>()
  const sweep = () => {
    const time = now()
    for (const [id, grant] of grants) if (grant.expires <= time) grants.delete(id)
    while (grants.size >= MAX_GRANTS) {
      const oldest = grants.keys().next().value
      if (oldest === undefined) break
      grants.delete(oldest)
    }
  }
  return {
    issue(purpose, path) {
      sweep()
      const id = randomBytes(18).toString('base64url')
      grants.set(id, { purpose, path, expires: now() + GRANT_TTL_MS })
      return id
    },
    take(purpose, id) {
      const grant = grants.get(id)
      if (grant === undefined) return null
      grants.delete(id)
      if (grant.purpose !== purpose || grant.expires <= now()) return null
      return grant.path
    },
    async spend(purpose, id, use) {
      const grant = grants.get(id)
      if (grant === undefined || grant.purpose !== purpose || grant.expires <= now()) return null
      const result = await use(grant.path)
      grants.delete(id)
      return result
    }
  }
}
