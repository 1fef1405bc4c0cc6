import type { EditorThemeClasses } from 'lexical'

/** Class names Lexical puts on the body's elements; the look lives in styles.css. */
export const articleTheme: EditorThemeClasses = {
  paragraph: 'article-paragraph',
  quote: 'article-quote',
  heading: { h1: 'article-h1', h2: 'article-h2', h3: 'article-h3' },
  text: {
    bold: 'article-bold',
    italic: 'article-italic',
    underline: 'article-underline',
    strikethrough: 'article-strikethrough'
  }
}
