import { config } from 'zod/mini'

// The page's CSP forbids eval; zod would otherwise probe `new Function` and log a CSP violation.
// Imported first by main.tsx so it runs before any schema parses. The setting is zod's core one, shared by its
// classic and mini builds; importing the mini build here keeps the classic one off the list's first scripts.
config({ jitless: true })
