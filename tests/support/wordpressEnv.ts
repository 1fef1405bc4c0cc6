import { readFileSync } from 'node:fs'

export type WordPressEnv = { url: string; user: string; appPassword: string }

/** Where scripts/wordpress/start.sh writes the credentials (same default as the script). */
export const WORDPRESS_CREDENTIALS = `${process.env.NEWSROOM_WP_DIR ?? '/tmp/newsroom-wp'}/run/credentials.env`

/**
 * The test WordPress from WP_URL / WP_USER / WP_APP_PASSWORD, else from the file start.sh writes; null with
 * the reason when there is none or it does not answer.
 */
export async function findWordPress(): Promise<{ env: WordPressEnv } | { reason: string }> {
  let env: WordPressEnv | null = null
  if (process.env.WP_URL && process.env.WP_USER && process.env.WP_APP_PASSWORD) {
    env = { url: process.env.WP_URL.replace(/\/+$/, ''), user: process.env.WP_USER, appPassword: process.env.WP_APP_PASSWORD }
  } else {
    try {
      const values = Object.fromEntries(
        readFileSync(WORDPRESS_CREDENTIALS, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()])
      ) as Record<string, string | undefined>
      if (values.WP_URL && values.WP_USER && values.WP_APP_PASSWORD) env = { url: values.WP_URL, user: values.WP_USER, appPassword: values.WP_APP_PASSWORD }
    } catch {
      // no file: reported below
    }
  }
  if (env === null) return { reason: `no WordPress: set WP_URL, WP_USER and WP_APP_PASSWORD or run scripts/wordpress/start.sh (writes ${WORDPRESS_CREDENTIALS})` }
  try {
    const answer = await fetch(`${env.url}/?rest_route=/`, { signal: AbortSignal.timeout(5000) })
    if (!answer.ok) return { reason: `WordPress at ${env.url} answered ${String(answer.status)}` }
  } catch (error) {
    return { reason: `WordPress at ${env.url} does not answer (${(error as Error).message}); start it with scripts/wordpress/start.sh` }
  }
  return { env }
}
