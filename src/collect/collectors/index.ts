// Collectors: facts from files, never judgements. Each runs inside the shared traversal.
import type { VisitorHost } from '../host.js';
import { secretCandidates } from './secret-candidates.js';
import { suppressions } from './suppressions.js';

export const collectors: VisitorHost[] = [suppressions, secretCandidates];
