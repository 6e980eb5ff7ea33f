// Which files (and lines) may hold a committed secret: one combined prefilter over the text already
// read. Records carry line numbers only, never values, so the parse cache holds no secret.
import { BINARY_KIND } from '../../util/binary-kinds.js';
import { allowsUnquoted, genericScanApplies, prefilter } from '../../util/secret-patterns.js';
import { secretCandidateFacts } from '../facts/secret-candidates.js';
import type { VisitorHost } from '../host.js';

/** Files whose content is hashes and URLs of dependencies, not configuration. */
const SKIP = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|composer\.lock|Cargo\.lock|poetry\.lock)$|\.(min\.js|map|snap|svg)$/;
/** Vendored code is others': only a committed `.env` among it is scanned. */
const ENV_FILE = /(^|\/)\.env[\w.-]*$/;

export const secretCandidates: VisitorHost = {
  id: secretCandidateFacts.id,
  appliesTo: (f) => !SKIP.test(f.path) && !BINARY_KIND.test(f.path) && (f.role !== 'vendored' || ENV_FILE.test(f.path)),
  text(ctx) {
    const offsets = prefilter(ctx.text, { unquoted: allowsUnquoted(ctx.file.path), generic: genericScanApplies(ctx.file.path, ctx.file.role), path: ctx.file.path });
    if (offsets.length === 0) return;
    const lines = [...new Set(offsets.map((o) => ctx.lineOfOffset(o)))].sort((a, b) => a - b);
    secretCandidateFacts.emit(ctx, { lines: lines.slice(0, 50) });
  },
};
