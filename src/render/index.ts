import { escapeControl, mapStrings } from '../util/control.js';
import type { AuditRun } from '../model/run.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

export const FORMATS = ['terminal', 'markdown', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * The JSON is data (JSON.stringify escapes C0 controls itself); the text formats get the run with
 * every control character of repository text made visible, before any colour of verdict's own.
 */
export function render(run: AuditRun, format: Format, opts: { color: boolean }): string {
  if (format === 'json') return `${JSON.stringify(run, null, 2)}\n`;
  const safe = mapStrings(run, escapeControl, { keys: true });
  if (format === 'markdown') return renderMarkdown(safe);
  return renderTerminal(safe, { color: opts.color });
}
