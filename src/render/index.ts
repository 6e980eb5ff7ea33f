import type { AuditRun } from '../model/run.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

export const FORMATS = ['terminal', 'markdown', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export function render(run: AuditRun, format: Format, opts: { color: boolean }): string {
  if (format === 'json') return `${JSON.stringify(run, null, 2)}\n`;
  if (format === 'markdown') return renderMarkdown(run);
  return renderTerminal(run, { color: opts.color });
}
