// Collectors: facts from files, never judgements. Each runs inside the shared traversal.
import type { VisitorHost } from '../host.js';
import { adminUis } from './admin-uis.js';
import { bodyWrites } from './body-writes.js';
import { configReads } from './config-reads.js';
import { consoleCalls } from './console.js';
import { dataAccess } from './data-access.js';
import { drizzleTables } from './drizzle-tables.js';
import { exportedLiterals } from './exported-literals.js';
import { httpCalls } from './http-calls.js';
import { markdown } from './markdown.js';
import { markers } from './markers.js';
import { modules } from './modules.js';
import { paymentReturns } from './payment-returns.js';
import { queues } from './queues.js';
import { recordLookups } from './record-lookups.js';
import { routes } from './routes.js';
import { runtime } from './runtime.js';
import { sqlParams } from './sql-params.js';
import { secretCandidates } from './secret-candidates.js';
import { sentRows } from './sent-rows.js';
import { suppressions } from './suppressions.js';
import { symbols } from './symbols.js';
import { telemetry } from './telemetry.js';
import { testContent } from './test-content.js';
import { typeEscapes } from './type-escapes.js';
import { uploads } from './uploads.js';

export const collectors: VisitorHost[] = [
  suppressions, modules, consoleCalls, telemetry, markers, markdown, routes, runtime, queues, httpCalls, dataAccess, typeEscapes,
  drizzleTables, secretCandidates, symbols, bodyWrites, adminUis, sqlParams, configReads, exportedLiterals, paymentReturns, uploads, sentRows, recordLookups,
  testContent,
];
