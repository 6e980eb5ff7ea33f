// Collectors: facts from files, never judgements. Each runs inside the shared traversal.
import type { VisitorHost } from '../host.js';
import { consoleCalls } from './console.js';
import { markdown } from './markdown.js';
import { markers } from './markers.js';
import { modules } from './modules.js';
import { suppressions } from './suppressions.js';
import { telemetry } from './telemetry.js';

export const collectors: VisitorHost[] = [suppressions, modules, consoleCalls, telemetry, markers, markdown];
