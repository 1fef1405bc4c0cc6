// First: asks main for the list's first screen. A build also loads it as a script of its own, which runs
// while this one still compiles (scripts/vite/earlyScript.ts).
import './early'
import './zodConfig'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n'
// Stylesheets in cascade order: tokens, page basics and shared controls first, then each feature, so a
// feature's rule overrides a shared one of the same specificity. A feature added later imports its own
// stylesheet from its component, which lands after these.
import './theme/tokens.css'
import './theme/base.css'
import './components/styles.css'
import './library/styles.css'
import './App.css'
import './editor/styles.css'
import './preview/styles.css'
import './wechat/styles.css'
import './editor/plugins/images/styles.css'
import './import/styles.css'
import './editor/plugins/paste/styles.css'
import './workflow/styles.css'
import './history/styles.css'
import './packages/styles.css'
import './metadata/styles.css'
import './settings/styles.css'
import './settings/credit/styles.css'
import './settings/directory/styles.css'
import './photos/styles.css'
import './publish/targets/styles.css'
import './publish/styles.css'
import './publish/handPublish/styles.css'
import './a11y/reflow.css'
import { App } from './App'
import { earlyAnswersIn } from './library/earlyAsk'

/**
 * The first render waits for the start's answers (asked by early.ts) for at most this long: when they are in, it
 * draws the list at once instead of an empty window and then the list. They usually come back while this code
 * compiles; a slow disk or a busy main costs the start no more than this.
 */
const WAIT_FOR_ANSWERS_MS = 100

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
void Promise.race([earlyAnswersIn(), new Promise((resolve) => setTimeout(resolve, WAIT_FOR_ANSWERS_MS))]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
)
