// The security rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import corsPermissive from './cors-permissive.js';
import dependencyAdvisories from './dependency-advisories.js';
import inMemoryRateLimit from './in-memory-rate-limit.js';
import rateLimitMissing from './rate-limit-missing.js';
import rateLimiterUnused from './rate-limiter-unused.js';
import routeWithoutAuth from './route-without-auth.js';
import securityHeaders from './security-headers.js';
import websocketWithoutAuth from './websocket-without-auth.js';

export const rules: Rule[] = [
  dependencyAdvisories, routeWithoutAuth, websocketWithoutAuth, rateLimitMissing, rateLimiterUnused, inMemoryRateLimit, securityHeaders, corsPermissive,
];
