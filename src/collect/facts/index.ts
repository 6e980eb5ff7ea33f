// Every collector's facts declaration, for the checks that run over all of them (tests).
import type { Facts } from './define.js';
import { adminUiFacts } from './admin-uis.js';
import { bodyWriteFacts } from './body-writes.js';
import { configReadFacts } from './config-reads.js';
import { consoleFacts } from './console.js';
import { dataAccessFacts } from './data-access.js';
import { drizzleTableFacts } from './drizzle-tables.js';
import { exportedLiteralFacts } from './exported-literals.js';
import { httpCallFacts } from './http-calls.js';
import { markdownFacts } from './markdown.js';
import { markerFacts } from './markers.js';
import { moduleFacts } from './modules.js';
import { paymentReturnFacts } from './payment-returns.js';
import { queueFacts } from './queues.js';
import { recordLookupFacts } from './record-lookups.js';
import { routeFactsOf } from './routes.js';
import { runtimeFacts } from './runtime.js';
import { secretCandidateFacts } from './secret-candidates.js';
import { sentRowFacts } from './sent-rows.js';
import { sqlParamFacts } from './sql-params.js';
import { suppressionFacts } from './suppressions.js';
import { symbolFacts } from './symbols.js';
import { telemetryFacts } from './telemetry.js';
import { testContentFacts } from './test-content.js';
import { typeEscapeFacts } from './type-escapes.js';
import { uploadFacts } from './uploads.js';

export const allFacts: ReadonlyArray<Facts<unknown>> = [
  adminUiFacts, bodyWriteFacts, configReadFacts, consoleFacts, dataAccessFacts, drizzleTableFacts, exportedLiteralFacts, httpCallFacts, markdownFacts, markerFacts, moduleFacts, paymentReturnFacts, queueFacts, recordLookupFacts, routeFactsOf, runtimeFacts,
  secretCandidateFacts, sentRowFacts, sqlParamFacts, suppressionFacts, symbolFacts, telemetryFacts, testContentFacts, typeEscapeFacts, uploadFacts,
];
