// Collectors: facts from files, never judgements. Each runs inside the shared traversal.
import type { VisitorHost } from '../host.js';
import { dataAccess } from './data-access.js';
import { suppressions } from './suppressions.js';
import { typeEscapes } from './type-escapes.js';

export const collectors: VisitorHost[] = [suppressions, dataAccess, typeEscapes];
