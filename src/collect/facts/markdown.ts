// collect/markdown: the references a Markdown document makes and its headings.
import { defineFacts, type FactOf } from './define.js';

export const markdownFacts = defineFacts('collect/markdown', (z) => z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ref'),
    /** A link, image, definition or HTML href/src; or an inline code span. */
    kind: z.enum(['link', 'code']),
    value: z.string(),
    line: z.number().int().positive(),
  }),
  z.strictObject({ type: z.literal('heading'), text: z.string(), line: z.number().int().positive() }),
]));
export type MarkdownFact = FactOf<typeof markdownFacts>;
export type MarkdownRefFact = Extract<MarkdownFact, { type: 'ref' }>;
export type MarkdownHeadingFact = Extract<MarkdownFact, { type: 'heading' }>;

export const markdownRefs = (records: MarkdownFact[]): MarkdownRefFact[] => records.filter((r) => r.type === 'ref');
export const markdownHeadings = (records: MarkdownFact[]): MarkdownHeadingFact[] => records.filter((r) => r.type === 'heading');
