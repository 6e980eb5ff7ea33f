// The security rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import commandInjection from './command-injection.js';
import committedEnvFile from './committed-env-file.js';
import committedSecret from './committed-secret.js';
import composeDatastoreExposed from './compose-datastore-exposed.js';
import containerRunsAsRoot from './container-runs-as-root.js';
import debugPortExposed from './debug-port-exposed.js';
import dockerSocketMounted from './docker-socket-mounted.js';
import imageCopiesSecretFiles from './image-copies-secret-files.js';
import configFileSecret from './config-file-secret.js';
import corsAnyOrigin from './cors-any-origin.js';
import corsPermissive from './cors-permissive.js';
import dependencyAdvisories from './dependency-advisories.js';
import deprecatedCipher from './deprecated-cipher.js';
import dtoNotValidated from './dto-not-validated.js';
import evalRule from './eval.js';
import hardcodedJwtSecret from './hardcoded-jwt-secret.js';
import inMemoryRateLimit from './in-memory-rate-limit.js';
import insecureCookie from './insecure-cookie.js';
import refreshTokenAsAccess from './refresh-token-as-access.js';
import tokenInRedirectUrl from './token-in-redirect-url.js';
import refreshTokenNoExpiry from './refresh-token-no-expiry.js';
import insecureRandom from './insecure-random.js';
import jwtUnpinnedAlgorithm from './jwt-unpinned-algorithm.js';
import jwtDecodedNotVerified from './jwt-decoded-not-verified.js';
import jwtNoExpiry from './jwt-no-expiry.js';
import telemetrySendsPii from './telemetry-sends-pii.js';
import loginEnumeration from './login-enumeration.js';
import secretCompareUnset from './secret-compare-unset.js';
import rateLimitMissing from './rate-limit-missing.js';
import rateLimiterUnused from './rate-limiter-unused.js';
import routeWithoutAuth from './route-without-auth.js';
import securityHeaders from './security-headers.js';
import failOpenSwitch from './fail-open-switch.js';
import secretInLog from './secret-in-log.js';
import fallbackSecret from './fallback-secret.js';
import trustProxyAll from './trust-proxy-all.js';
import envValidationBypass from './env-validation-bypass.js';
import errorExposed from './error-exposed.js';
import statusPagePublic from './status-page-public.js';
import tlsVerificationOff from './tls-verification-off.js';
import timingUnsafeCompare from './timing-unsafe-compare.js';
import importedGuardUnused from './imported-guard-unused.js';
import weakPasswordHash from './weak-password-hash.js';
import plaintextPassword from './plaintext-password.js';
import plaintextPasswordUpdate from './plaintext-password-update.js';
import passwordHashExposed from './password-hash-exposed.js';
import weakPbkdf2 from './weak-pbkdf2.js';
import staticIv from './static-iv.js';
import websocketWithoutAuth from './websocket-without-auth.js';
import uploadWithoutLimits from './upload-without-limits.js';
import ownershipUnchecked from './ownership-unchecked.js';
import massAssignment from './mass-assignment.js';
import roleNotEnforced from './role-not-enforced.js';
import adminUiWithoutAuth from './admin-ui-without-auth.js';
import dockerfileSecret from './dockerfile-secret.js';
import ssrf from './ssrf.js';
import pathTraversal from './path-traversal.js';
import paymentReturnUnconfirmed from './payment-return-unconfirmed.js';
import webhookNotIdempotent from './webhook-not-idempotent.js';
import clientSetAmount from './client-set-amount.js';

export const rules: Rule[] = [
  composeDatastoreExposed,
  containerRunsAsRoot, debugPortExposed,
  dockerSocketMounted,
  imageCopiesSecretFiles,
  dtoNotValidated,
  fallbackSecret,
  failOpenSwitch,
  trustProxyAll,
  tlsVerificationOff,
  envValidationBypass,
  errorExposed,
  statusPagePublic,
  secretInLog,
  dependencyAdvisories,
  routeWithoutAuth, paymentReturnUnconfirmed, clientSetAmount, webhookNotIdempotent, ownershipUnchecked, massAssignment, roleNotEnforced, adminUiWithoutAuth, websocketWithoutAuth, uploadWithoutLimits, rateLimitMissing, rateLimiterUnused, importedGuardUnused, inMemoryRateLimit, securityHeaders, corsPermissive, corsAnyOrigin,
  committedSecret, committedEnvFile, configFileSecret, dockerfileSecret,
  weakPasswordHash, plaintextPassword, plaintextPasswordUpdate, passwordHashExposed, insecureRandom, jwtUnpinnedAlgorithm, jwtDecodedNotVerified, jwtNoExpiry, telemetrySendsPii, loginEnumeration, hardcodedJwtSecret, deprecatedCipher, weakPbkdf2, staticIv,
  secretCompareUnset, timingUnsafeCompare, evalRule, commandInjection, ssrf, pathTraversal, insecureCookie, refreshTokenAsAccess, refreshTokenNoExpiry, tokenInRedirectUrl,
];
