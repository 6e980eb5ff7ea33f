// The observability rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import consoleLogging from './console-logging.js';
import healthChecksNothing from './health-checks-nothing.js';
import healthConstant from './health-constant.js';
import healthEndpoint from './health-endpoint.js';
import metrics from './metrics.js';
import tracingWithoutExporter from './tracing-without-exporter.js';

export const rules: Rule[] = [consoleLogging, metrics, tracingWithoutExporter, healthEndpoint, healthConstant, healthChecksNothing];
