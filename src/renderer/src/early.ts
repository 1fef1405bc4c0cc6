// The page's first script, before the app's (index.html): it only asks main for what the start shows first.
import { askEarly } from './library/earlyAsk'

askEarly()
