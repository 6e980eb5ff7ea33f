// The observability rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import consoleLogging from './console-logging.js';
import metrics from './metrics.js';
import tracingWithoutExporter from './tracing-without-exporter.js';

export const rules: Rule[] = [consoleLogging, metrics, tracingWithoutExporter];
