// Collectors: facts from files, never judgements. Each runs inside the shared traversal.
import type { VisitorHost } from '../host.js';
import { httpCalls } from './http-calls.js';
import { runtime } from './runtime.js';
import { suppressions } from './suppressions.js';

export const collectors: VisitorHost[] = [suppressions, runtime, httpCalls];
