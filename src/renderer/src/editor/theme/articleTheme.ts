import type { EditorThemeClasses } from 'lexical'

/** Class names Lexical puts on the body's elements; the look lives in editor/styles.css. */
export const articleTheme: EditorThemeClasses = {
  paragraph: 'article-paragraph',
  quote: 'article-quote',
  heading: { h1: 'article-h1', h2: 'article-h2', h3: 'article-h3' },
  list: {
    ul: 'article-ul',
    ol: 'article-ol',
    listitem: 'article-li',
    // The item that only carries a nested list shows no marker of its own.
    nested: { listitem: 'article-li-nested' }
  },
  link: 'article-link',
  hr: 'article-hr',
  hrSelected: 'article-hr-selected',
  indent: 'article-indent',
  text: {
    bold: 'article-bold',
    italic: 'article-italic',
    underline: 'article-underline',
    strikethrough: 'article-strikethrough',
    underlineStrikethrough: 'article-underline-strikethrough'
  }
}
