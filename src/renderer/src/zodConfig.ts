import { z } from 'zod'

// The page's CSP forbids eval; zod would otherwise probe `new Function` and log a CSP violation.
// Imported first by main.tsx so it runs before any schema parses.
z.config({ jitless: true })
