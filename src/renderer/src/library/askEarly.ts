// Imported by main.tsx right after zod's configuration, before React and the editor's code run.
import { askEarly } from './earlyStart'

askEarly()
