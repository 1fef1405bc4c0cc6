/** zhlint's lib entry without its CLI parts (file config, coloured reports), which a Web Worker cannot load. */
declare module 'zhlint/lib/run.js' {
  export { run } from 'zhlint'
}
