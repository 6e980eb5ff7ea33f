// The completeness rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import emptyScheduledHandler from './empty-scheduled-handler.js';
import missingEntrypoint from './missing-entrypoint.js';
import placeholderData from './placeholder-data.js';
import stub from './stub.js';
import todoMarkers from './todo-markers.js';
import unusedExportNamedInDocs from './unused-export-named-in-docs.js';
import unwiredCriticalFunction from './unwired-critical-function.js';

export const rules: Rule[] = [stub, placeholderData, emptyScheduledHandler, missingEntrypoint, unusedExportNamedInDocs, unwiredCriticalFunction, todoMarkers];
