// Collectors: facts from files, never judgements. Each runs inside the shared traversal.
import type { VisitorHost } from '../host.js';
import { routes } from './routes.js';
import { suppressions } from './suppressions.js';

export const collectors: VisitorHost[] = [suppressions, routes];
