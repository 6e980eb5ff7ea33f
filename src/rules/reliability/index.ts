// The reliability rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import productionComposeApp from './production-compose-app.js';
import dbConnectFailureIgnored from './db-connect-failure-ignored.js';
import devEnvFile from './dev-env-file.js';
import oauthCallbackLocalhost from './oauth-callback-localhost.js';
import connectionLocalhost from './connection-localhost.js';
import cronEveryReplica from './cron-every-replica.js';
import envUndocumented from './env-undocumented.js';
import envValidation from './env-validation.js';
import gracefulShutdown from './graceful-shutdown.js';
import httpTimeout from './http-timeout.js';
import inMemoryStore from './in-memory-store.js';
import processErrorHandlers from './process-error-handlers.js';
import queueWiring from './queue-wiring.js';
import queueWorkerShutdown from './queue-worker-shutdown.js';
import websocketCleanup from './websocket-cleanup.js';
import queueJobRetries from './queue-job-retries.js';
import queueWorkerErrorListener from './queue-worker-error-listener.js';
import clientErrorUnhandled from './client-error-unhandled.js';
import webhookWithoutResponse from './webhook-without-response.js';
import unboundedFanOut from './unbounded-fan-out.js';
import paymentWithoutWebhook from './payment-without-webhook.js';
import asyncHandlerErrors from './async-handler-errors.js';
import connectionPerRequest from './connection-per-request.js';

export const rules: Rule[] = [
  unboundedFanOut,
  devEnvFile,
  gracefulShutdown, processErrorHandlers, httpTimeout, envValidation, envUndocumented, queueWiring, queueWorkerShutdown,
  websocketCleanup, inMemoryStore, queueJobRetries, queueWorkerErrorListener, dbConnectFailureIgnored, oauthCallbackLocalhost, connectionLocalhost,
  cronEveryReplica, productionComposeApp, webhookWithoutResponse, paymentWithoutWebhook, clientErrorUnhandled, asyncHandlerErrors,
  connectionPerRequest,
];
