import { describe, expect, it } from 'vitest';
import { scanMarkdown } from './markdown.js';

describe('collect/markdown scanner', () => {
  it('finds links, images, definitions, HTML refs, code spans and headings, and skips fenced code', () => {
    const md = [
      '# Title',
      'See [a](docs/a.md "t"), ![img](img/x.png) and `src/x.ts` or ``a ` b``.',
      '```sh',
      'cat [no](not/this.md) `nor/this.ts`',
      '```',
      '[ref]: ./ref.md',
      '<a href="html/page.md">x</a> <img src="pic.png">',
      'Setext',
      '------',
      'A `[code](not/a/link.md)` span.',
      '[^1]: The footnote is not a link definition.',
    ].join('\n');
    expect(scanMarkdown(md)).toEqual([
      { type: 'heading', text: 'Title', line: 1 },
      { type: 'ref', kind: 'code', value: 'src/x.ts', line: 2 },
      { type: 'ref', kind: 'code', value: 'a ` b', line: 2 },
      { type: 'ref', kind: 'link', value: 'docs/a.md', line: 2 },
      { type: 'ref', kind: 'link', value: 'img/x.png', line: 2 },
      { type: 'ref', kind: 'link', value: './ref.md', line: 6 },
      { type: 'ref', kind: 'link', value: 'html/page.md', line: 7 },
      { type: 'ref', kind: 'link', value: 'pic.png', line: 7 },
      { type: 'heading', text: 'Setext', line: 8 },
      { type: 'ref', kind: 'code', value: '[code](not/a/link.md)', line: 10 },
    ]);
  });
});
