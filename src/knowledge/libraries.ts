// One descriptor per library or framework: what its exports are. Each entry's example is checked by
// knowledge.test.ts (it must import the export from the package and use it).
import type { LibraryDescriptor } from './types.js';

export const LIBRARIES: readonly LibraryDescriptor[] = [
  // ---- HTTP frameworks -------------------------------------------------------------------------
  {
    package: 'express', source: 'https://expressjs.com/en/4x/api.html',
    exports: [
      { name: 'default', role: 'http-router', example: "import express from 'express'; const app = express();" },
      { name: 'Router', role: 'http-router', example: "import { Router } from 'express'; const r = Router();" },
    ],
  },
  {
    package: 'hono', source: 'https://hono.dev/docs/api/hono',
    exports: [{ name: 'Hono', role: 'http-router', example: "import { Hono } from 'hono'; const app = new Hono();" }],
  },
  {
    package: 'fastify', source: 'https://fastify.dev/docs/latest/Reference/Server/',
    exports: [{ name: 'default', role: 'http-router', example: "import Fastify from 'fastify'; const app = Fastify();" }],
  },
  {
    package: 'koa', source: 'https://koajs.com/#application',
    exports: [{ name: 'default', role: 'http-router', example: "import Koa from 'koa'; const app = new Koa();" }],
  },
  {
    package: '@koa/router', source: 'https://github.com/koajs/router/blob/master/API.md',
    exports: [{ name: 'default', role: 'http-router', example: "import Router from '@koa/router'; const router = new Router();" }],
  },
  {
    package: 'koa-router', source: 'https://github.com/ZijianHe/koa-router#new-routeropts',
    exports: [{ name: 'default', role: 'http-router', example: "import Router from 'koa-router'; const router = new Router();" }],
  },
  {
    package: 'itty-router', source: 'https://itty.dev/itty-router/api',
    exports: [
      { name: 'Router', role: 'http-router', example: "import { Router } from 'itty-router'; const router = Router();" },
      { name: 'AutoRouter', role: 'http-router', example: "import { AutoRouter } from 'itty-router'; const router = AutoRouter();" },
    ],
  },
  {
    // OpenAPI routers that register every route on the app they are given (class-based endpoints).
    package: 'chanfana', source: 'https://chanfana.pages.dev/routers/hono',
    exports: [
      { name: 'fromHono', role: 'http-router', over: 0, example: "import { fromHono } from 'chanfana'; const openapi = fromHono(app, { docs_url: '/' }); openapi.get('/tasks', TaskList);" },
      { name: 'fromIttyRouter', role: 'http-router', over: 0, example: "import { fromIttyRouter } from 'chanfana'; const openapi = fromIttyRouter(router); openapi.get('/tasks', TaskList);" },
    ],
  },
  {
    package: '@nestjs/common', source: 'https://docs.nestjs.com/guards',
    exports: [
      // UseGuards applies the guards it is given: a guard only through them (judged by the guard classes).
      { name: 'UseGuards', role: 'guard', example: "import { UseGuards } from '@nestjs/common'; @UseGuards(AuthGuard) class C {}" },
    ],
  },
  {
    package: '@nestjs/passport', source: 'https://docs.nestjs.com/recipes/passport',
    exports: [{ name: 'AuthGuard', role: 'guard', example: "import { AuthGuard } from '@nestjs/passport'; class JwtGuard extends AuthGuard('jwt') {}" }],
  },
  {
    package: 'routing-controllers', source: 'https://github.com/typestack/routing-controllers#using-authorization-features',
    exports: [
      { name: 'Authorized', role: 'guard', example: "import { Authorized } from 'routing-controllers'; class C { @Authorized() m() {} }" },
      // Only given `{ required: true }` (DecoratorRouter.requiredParams): the route then answers 401 when the app's currentUserChecker finds no user.
      { name: 'CurrentUser', role: 'guard', example: "import { CurrentUser } from 'routing-controllers'; class C { @Post() m(@CurrentUser({ required: true }) user: User) {} }" },
    ],
  },
  {
    package: 'type-graphql', source: 'https://typegraphql.com/docs/authorization.html',
    exports: [{ name: 'Authorized', role: 'guard', example: "import { Authorized } from 'type-graphql'; class R { @Authorized() @Mutation() m() {} }" }],
  },
  {
    package: '@overnightjs/core', source: 'https://github.com/seanpmaxwell/overnight#readme',
    exports: [{ name: 'Server', role: 'http-router', example: "import { Server } from '@overnightjs/core'; class App extends Server {}" }],
  },
  // ---- Authentication --------------------------------------------------------------------------
  {
    package: 'passport', source: 'https://www.passportjs.org/concepts/authentication/middleware/',
    exports: [
      { name: 'default#authenticate', role: 'guard', example: "import passport from 'passport'; app.get('/me', passport.authenticate('jwt', { session: false }), h);" },
      // initialize() and session() set passport up; they let every caller through.
      { name: 'default#initialize', role: 'session-reader', lenient: true, example: "import passport from 'passport'; app.use(passport.initialize());" },
      { name: 'default#session', role: 'session-reader', lenient: true, example: "import passport from 'passport'; app.use(passport.session());" },
    ],
  },
  {
    package: 'jsonwebtoken', source: 'https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback',
    exports: [
      { name: 'verify', role: 'verifier', example: "import { verify } from 'jsonwebtoken'; const claims = verify(token, key);" },
      { name: 'default#verify', role: 'verifier', example: "import jwt from 'jsonwebtoken'; const claims = jwt.verify(token, key);" },
    ],
  },
  {
    package: 'jose', source: 'https://github.com/panva/jose/tree/main/docs',
    exports: [
      { name: 'jwtVerify', role: 'verifier', example: "import { jwtVerify } from 'jose'; const { payload } = await jwtVerify(token, key);" },
      { name: 'compactVerify', role: 'verifier', example: "import { compactVerify } from 'jose'; await compactVerify(jws, key);" },
    ],
  },
  {
    package: 'hono/jwt', source: 'https://hono.dev/docs/middleware/builtin/jwt',
    exports: [
      { name: 'jwt', role: 'guard', example: "import { jwt } from 'hono/jwt'; app.use('/api/*', jwt({ secret }));" },
      { name: 'verify', role: 'verifier', example: "import { verify } from 'hono/jwt'; const payload = await verify(token, secret);" },
    ],
  },
  {
    package: 'hono/factory', source: 'https://hono.dev/docs/helpers/factory#createmiddleware',
    exports: [{ name: 'createMiddleware', role: 'middleware-wrapper', wraps: 0, example: "import { createMiddleware } from 'hono/factory'; app.use('/admin/*', createMiddleware(async (c, next) => { await next(); }));" }],
  },
  {
    // The handler it wraps, with a rejected promise handed to `next`: what the route does is what the function does.
    package: 'express-async-handler', source: 'https://github.com/Abazhenov/express-async-handler#usage',
    exports: [{ name: 'default', role: 'middleware-wrapper', wraps: 0, example: "import asyncHandler from 'express-async-handler'; router.get('/me', asyncHandler(async (req, res) => { res.json(req.user); }));" }],
  },
  {
    package: 'hono/bearer-auth', source: 'https://hono.dev/docs/middleware/builtin/bearer-auth',
    exports: [{ name: 'bearerAuth', role: 'guard', example: "import { bearerAuth } from 'hono/bearer-auth'; app.use('/api/*', bearerAuth({ token }));" }],
  },
  {
    package: 'hono/basic-auth', source: 'https://hono.dev/docs/middleware/builtin/basic-auth',
    exports: [{ name: 'basicAuth', role: 'guard', example: "import { basicAuth } from 'hono/basic-auth'; app.use('/admin/*', basicAuth({ username, password }));" }],
  },
  {
    package: 'express-jwt', source: 'https://github.com/auth0/express-jwt#usage',
    exports: [{ name: 'expressjwt', role: 'guard', example: "import { expressjwt } from 'express-jwt'; app.use(expressjwt({ secret, algorithms: ['HS256'] }));" }],
  },
  {
    package: 'koa-jwt', source: 'https://github.com/koajs/jwt#usage',
    exports: [{ name: 'default', role: 'guard', example: "import jwt from 'koa-jwt'; app.use(jwt({ secret }).unless({ path: [/^\\/public/] }));" }],
  },
  {
    package: 'koa-passport', source: 'https://github.com/rkusa/koa-passport#usage',
    exports: [
      { name: 'default#authenticate', role: 'guard', example: "import passport from 'koa-passport'; router.get('/me', passport.authenticate('jwt', { session: false }), h);" },
      // As passport's: they set it up and let every caller through.
      { name: 'default#initialize', role: 'session-reader', lenient: true, example: "import passport from 'koa-passport'; app.use(passport.initialize());" },
      { name: 'default#session', role: 'session-reader', lenient: true, example: "import passport from 'koa-passport'; app.use(passport.session());" },
    ],
  },
  {
    package: 'express-basic-auth', source: 'https://github.com/LionC/express-basic-auth#readme',
    exports: [{ name: 'default', role: 'guard', example: "import basicAuth from 'express-basic-auth'; app.use(basicAuth({ users }));" }],
  },
  {
    package: 'express-openid-connect', source: 'https://github.com/auth0/express-openid-connect#readme',
    exports: [{ name: 'requiresAuth', role: 'guard', example: "import { requiresAuth } from 'express-openid-connect'; app.get('/profile', requiresAuth(), h);" }],
  },
  {
    package: '@clerk/express', source: 'https://clerk.com/docs/references/express/overview',
    exports: [
      { name: 'requireAuth', role: 'guard', example: "import { requireAuth } from '@clerk/express'; app.get('/me', requireAuth(), h);" },
      { name: 'getAuth', role: 'session-reader', example: "import { getAuth } from '@clerk/express'; const { userId } = getAuth(req);" },
      { name: 'clerkMiddleware', role: 'session-reader', lenient: true, example: "import { clerkMiddleware } from '@clerk/express'; app.use(clerkMiddleware());" },
    ],
  },
  {
    package: '@clerk/nextjs/server', source: 'https://clerk.com/docs/references/nextjs/auth',
    exports: [
      { name: 'auth', role: 'session-reader', example: "import { auth } from '@clerk/nextjs/server'; const { userId } = await auth();" },
      { name: 'currentUser', role: 'session-reader', example: "import { currentUser } from '@clerk/nextjs/server'; const user = await currentUser();" },
    ],
  },
  {
    package: 'next-auth', source: 'https://next-auth.js.org/configuration/nextjs#getserversession',
    exports: [{ name: 'getServerSession', role: 'session-reader', example: "import { getServerSession } from 'next-auth'; const session = await getServerSession(authOptions);" }],
  },
  {
    package: 'next-auth/jwt', source: 'https://next-auth.js.org/configuration/nextjs#gettoken',
    exports: [{ name: 'getToken', role: 'session-reader', example: "import { getToken } from 'next-auth/jwt'; const token = await getToken({ req });" }],
  },
  {
    package: 'better-auth', source: 'https://www.better-auth.com/docs/concepts/session-management',
    exports: [{ name: 'betterAuth', role: 'session-reader', example: "import { betterAuth } from 'better-auth'; export const auth = betterAuth({});" }],
  },
  {
    package: 'lucia', source: 'https://v3.lucia-auth.com/basics/sessions',
    exports: [{ name: 'Lucia#validateSession', role: 'session-reader', example: "import { Lucia } from 'lucia'; const lucia = new Lucia(adapter); const { user } = await lucia.validateSession(id);" }],
  },
  {
    package: '@fastify/autoload', source: 'https://github.com/fastify/fastify-autoload#readme',
    exports: [{
      name: 'default', role: 'plugin-loader', loader: { dir: 'dir', folderPrefix: 'dirNameRoutePrefix', filePrefixExport: 'autoPrefix' },
      example: "import autoload from '@fastify/autoload'; app.register(autoload, { dir: path.join(__dirname, 'routes') });",
    }],
  },
  {
    package: '@fastify/jwt', source: 'https://github.com/fastify/fastify-jwt#readme',
    exports: [
      // Registering it only decorates (`request.jwtVerify`, `fastify.jwt`): it checks no route until a hook calls jwtVerify.
      { name: 'default', role: 'auth-plugin', plugin: { decorates: ['request#jwtVerify', 'instance#jwt'] }, example: "import fastifyJwt from '@fastify/jwt'; app.register(fastifyJwt, { secret });" },
      // `await request.jwtVerify()` throws on a missing or bad token.
      { name: 'request#jwtVerify', role: 'verifier', example: "import fastifyJwt from '@fastify/jwt'; app.register(fastifyJwt, { secret }); app.addHook('onRequest', (request) => request.jwtVerify());" },
    ],
  },
  {
    // "This plugin decorates the fastify instance with a basicAuth function, which can be used inside any
    // hook before a route handler": registering it checks no route.
    package: '@fastify/basic-auth', source: 'https://github.com/fastify/fastify-basic-auth#usage',
    exports: [
      { name: 'default', role: 'auth-plugin', plugin: { decorates: ['instance#basicAuth'] }, example: "import basicAuth from '@fastify/basic-auth'; app.register(basicAuth, { validate });" },
      // Answers 401 when the Authorization header is missing or `validate` fails.
      { name: 'instance#basicAuth', role: 'guard', example: "import basicAuth from '@fastify/basic-auth'; app.register(basicAuth, { validate }); app.after(() => app.addHook('onRequest', app.basicAuth));" },
    ],
  },
  {
    // "provides a simple request hook": registering it adds an onRequest hook to its context, unless
    // registered with `addHook: false`, when it only decorates `fastify.verifyBearerAuth` (for @fastify/auth).
    package: '@fastify/bearer-auth', source: 'https://github.com/fastify/fastify-bearer-auth#api',
    exports: [
      { name: 'default', role: 'auth-plugin', plugin: { decorates: ['instance#verifyBearerAuth'], hooksUnless: 'addHook' }, example: "import bearerAuth from '@fastify/bearer-auth'; app.register(bearerAuth, { keys });" },
      { name: 'instance#verifyBearerAuth', role: 'guard', example: "import bearerAuth from '@fastify/bearer-auth'; app.register(bearerAuth, { keys, addHook: false }); app.get('/', { preHandler: app.verifyBearerAuth }, h);" },
    ],
  },
  {
    // Decorates `fastify.auth([...])`, which a route names in its hooks: registering it checks no route.
    package: '@fastify/auth', source: 'https://github.com/fastify/fastify-auth#usage',
    exports: [{ name: 'default', role: 'auth-plugin', plugin: { decorates: ['instance#auth'] }, example: "import fastifyAuth from '@fastify/auth'; app.register(fastifyAuth);" }],
  },
  {
    // Decorates `fastify[name]` (the OAuth2 client) and adds the `startRedirectPath` route: it checks no route.
    package: '@fastify/oauth2', source: 'https://github.com/fastify/fastify-oauth2#usage',
    exports: [{ name: 'default', role: 'auth-plugin', plugin: { decorates: [] }, example: "import oauth2 from '@fastify/oauth2'; app.register(oauth2, { name: 'github', startRedirectPath: '/login/github' });" }],
  },
  // ---- Webhook signatures and secret comparison ---------------------------------------------------
  {
    package: 'stripe', source: 'https://docs.stripe.com/webhooks#verify-events',
    exports: [
      // Throws when the `stripe-signature` header does not sign the raw body with the endpoint's secret.
      { name: 'default#webhooks#constructEvent', role: 'verifier', example: "import Stripe from 'stripe'; const stripe = new Stripe(key); const event = stripe.webhooks.constructEvent(body, sig, secret);" },
      { name: 'default#webhooks#constructEventAsync', role: 'verifier', example: "import Stripe from 'stripe'; const stripe = new Stripe(key); const event = await stripe.webhooks.constructEventAsync(body, sig, secret);" },
    ],
  },
  {
    // Resolves true only when the Ed25519 signature (x-signature-ed25519) signs timestamp + raw body with the app's public key.
    package: 'discord-interactions', source: 'https://github.com/discord/discord-interactions-js#usage (verifyKey)',
    exports: [{ name: 'verifyKey', role: 'verifier', example: "import { verifyKey } from 'discord-interactions'; const ok = await verifyKey(body, signature, timestamp, publicKey);" }],
  },
  {
    package: 'svix', source: 'https://docs.svix.com/receiving/verifying-payloads/how',
    exports: [{ name: 'Webhook#verify', role: 'verifier', example: "import { Webhook } from 'svix'; const wh = new Webhook(secret); const payload = wh.verify(body, headers);" }],
  },
  {
    package: '@octokit/webhooks', source: 'https://github.com/octokit/webhooks.js#webhooksverify',
    exports: [
      { name: 'Webhooks#verify', role: 'verifier', example: "import { Webhooks } from '@octokit/webhooks'; const webhooks = new Webhooks({ secret }); await webhooks.verify(body, signature);" },
      { name: 'Webhooks#verifyAndReceive', role: 'verifier', example: "import { Webhooks } from '@octokit/webhooks'; const webhooks = new Webhooks({ secret }); await webhooks.verifyAndReceive({ id, name, payload, signature });" },
    ],
  },
  {
    package: '@octokit/webhooks-methods', source: 'https://github.com/octokit/webhooks-methods.js#verify',
    exports: [{ name: 'verify', role: 'verifier', example: "import { verify } from '@octokit/webhooks-methods'; const ok = await verify(secret, body, signature);" }],
  },
  {
    package: '@upstash/qstash', source: 'https://upstash.com/docs/qstash/howto/signature',
    exports: [{ name: 'Receiver#verify', role: 'verifier', example: "import { Receiver } from '@upstash/qstash'; const r = new Receiver({ currentSigningKey, nextSigningKey }); await r.verify({ signature, body });" }],
  },
  {
    package: 'twilio', source: 'https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio',
    exports: [
      // Computes the HMAC of the URL and parameters with the auth token and compares it with `x-twilio-signature`.
      { name: 'default#validateRequest', role: 'verifier', example: "import twilio from 'twilio'; const ok = twilio.validateRequest(authToken, signature, url, params);" },
      { name: 'validateRequest', role: 'verifier', example: "import { validateRequest } from 'twilio'; const ok = validateRequest(authToken, signature, url, params);" },
      // Express middleware that answers 403 when the signature does not match.
      { name: 'default#webhook', role: 'guard', example: "import twilio from 'twilio'; app.post('/sms', twilio.webhook(), handler);" },
    ],
  },
  {
    package: 'sns-validator', source: 'https://github.com/aws/aws-js-sns-message-validator#usage',
    exports: [{ name: 'default#validate', role: 'verifier', example: "import MessageValidator from 'sns-validator'; const validator = new MessageValidator(); validator.validate(message, (err, msg) => {});" }],
  },
  {
    package: '@upstash/qstash/nextjs', source: 'https://upstash.com/docs/qstash/quickstarts/vercel-nextjs',
    exports: [{ name: 'verifySignatureAppRouter', role: 'guard', example: "import { verifySignatureAppRouter } from '@upstash/qstash/nextjs'; export const POST = verifySignatureAppRouter(handler);" }],
  },
  {
    // `node:crypto` is the same module: look-ups drop the `node:` prefix.
    package: 'crypto', source: 'https://nodejs.org/api/crypto.html#cryptotimingsafeequala-b',
    exports: [
      { name: 'timingSafeEqual', role: 'secret-compare', example: "import { timingSafeEqual } from 'crypto'; if (!timingSafeEqual(a, b)) throw new Error('bad signature');" },
      { name: 'default#timingSafeEqual', role: 'secret-compare', example: "import crypto from 'crypto'; if (!crypto.timingSafeEqual(a, b)) throw new Error('bad signature');" },
      { name: 'createHmac', role: 'mac', example: "import { createHmac } from 'crypto'; const expected = createHmac('sha256', secret).update(body).digest('hex');" },
      { name: 'default#createHmac', role: 'mac', example: "import crypto from 'crypto'; const expected = crypto.createHmac('sha256', secret).update(body).digest('hex');" },
    ],
  },
  // ---- Rate limiting ---------------------------------------------------------------------------
  {
    // v7.0.0 release notes (https://github.com/express-rate-limit/express-rate-limit/releases/tag/v7.0.0):
    // "Previously, max: 0 was treated as a 'disable' flag and would allow all requests through. Starting
    // with v7, all requests will be blocked when max is set to 0." (`limit`, its v7 alias, did not exist before.)
    package: 'express-rate-limit', source: 'https://express-rate-limit.mintlify.app/reference/configuration',
    exports: [
      { name: 'default', role: 'limiter', skip: 'skip', zeroDisables: { options: ['max'], below: 7 }, example: "import rateLimit from 'express-rate-limit'; app.use(rateLimit({ windowMs: 60_000, limit: 100, skip: (req) => req.ip === '127.0.0.1' }));" },
      { name: 'rateLimit', role: 'limiter', skip: 'skip', zeroDisables: { options: ['max'], below: 7 }, example: "import { rateLimit } from 'express-rate-limit'; app.use(rateLimit({ limit: 100 }));" },
    ],
  },
  {
    package: 'hono-rate-limiter', source: 'https://github.com/rhinobase/hono-rate-limiter#readme',
    exports: [{ name: 'rateLimiter', role: 'limiter', skip: 'skip', example: "import { rateLimiter } from 'hono-rate-limiter'; app.use(rateLimiter({ windowMs: 60_000, limit: 100, keyGenerator, skip: (c) => c.req.path === '/health' }));" }],
  },
  {
    package: 'koa-ratelimit', source: 'https://github.com/koajs/ratelimit#example',
    exports: [{ name: 'default', role: 'limiter', example: "import ratelimit from 'koa-ratelimit'; app.use(ratelimit({ driver: 'memory', db: new Map(), duration: 60000, max: 100 }));" }],
  },
  {
    package: 'koa2-ratelimit', source: 'https://github.com/ysocorp/koa2-ratelimit#usage',
    exports: [{ name: 'RateLimit#middleware', role: 'limiter', example: "import { RateLimit } from 'koa2-ratelimit'; app.use(RateLimit.middleware({ interval: { min: 15 }, max: 100 }));" }],
  },
  {
    // "global: indicates if the plugin should apply rate limiting to all routes within the encapsulation
    // scope (default true)"; a route's `config: { rateLimit: {...} }` sets its own limits, `config: { rateLimit: false }`
    // disables rate limiting for it. The plugin is wrapped in fastify-plugin and hooks `onRoute`: it covers
    // the routes of the context it is registered in that are added after it.
    package: '@fastify/rate-limit', source: 'https://github.com/fastify/fastify-rate-limit#options',
    exports: [{ name: 'default', role: 'limiter', routeOption: { path: ['config', 'rateLimit'], global: 'global' }, example: "import rateLimit from '@fastify/rate-limit'; await app.register(rateLimit, { global: false }); app.post('/login', { config: { rateLimit: { max: 5 } } }, login);" }],
  },
  {
    package: '@upstash/ratelimit', source: 'https://upstash.com/docs/redis/sdks/ratelimit-ts/overview',
    exports: [{ name: 'Ratelimit#limit', role: 'limiter', example: "import { Ratelimit } from '@upstash/ratelimit'; const rl = new Ratelimit({ redis, limiter }); await rl.limit(ip);" }],
  },
  {
    package: 'rate-limiter-flexible', source: 'https://github.com/animir/node-rate-limiter-flexible/wiki/Overall-example',
    exports: [{ name: 'RateLimiterMemory#consume', role: 'limiter', example: "import { RateLimiterMemory } from 'rate-limiter-flexible'; const rl = new RateLimiterMemory({ points: 5 }); await rl.consume(ip);" }],
  },
  {
    package: '@nestjs/throttler', source: 'https://docs.nestjs.com/security/rate-limiting',
    exports: [
      // "The @Throttle() decorator can be used to override the limit and ttl set in the global module":
      // it sets metadata the guard reads, and limits nothing where the guard is not applied.
      { name: 'Throttle', role: 'limiter', needs: 'ThrottlerGuard', example: "import { Throttle } from '@nestjs/throttler'; class C { @Throttle({ default: { limit: 3, ttl: 60000 } }) m() {} }" },
      { name: 'ThrottlerGuard', role: 'limiter', example: "import { ThrottlerGuard } from '@nestjs/throttler'; const providers = [{ provide: APP_GUARD, useClass: ThrottlerGuard }];" },
      // "The @SkipThrottle() decorator can be used to skip a route or a class"; `@SkipThrottle({ default: false })` on a method undoes its class's.
      { name: 'SkipThrottle', role: 'limiter-exemption', exempts: 'ThrottlerGuard', example: "import { SkipThrottle } from '@nestjs/throttler'; @SkipThrottle() class HealthController {}" },
    ],
  },
  // ---- Security headers ------------------------------------------------------------------------
  {
    package: 'helmet', source: 'https://helmetjs.github.io/',
    exports: [{ name: 'default', role: 'header-setter', example: "import helmet from 'helmet'; app.use(helmet());" }],
  },
  {
    package: 'hono/secure-headers', source: 'https://hono.dev/docs/middleware/builtin/secure-headers',
    exports: [{ name: 'secureHeaders', role: 'header-setter', example: "import { secureHeaders } from 'hono/secure-headers'; app.use(secureHeaders());" }],
  },
  // ---- Validation ------------------------------------------------------------------------------
  {
    package: 'zod', source: 'https://zod.dev/basics',
    exports: [{ name: 'z', role: 'validator', example: "import { z } from 'zod'; const Body = z.object({ name: z.string() });" }],
  },
  {
    package: 'envalid', source: 'https://github.com/af/envalid#readme',
    exports: [{ name: 'cleanEnv', role: 'validator', example: "import { cleanEnv, str } from 'envalid'; const env = cleanEnv(process.env, { DB: str() });" }],
  },
  {
    package: '@t3-oss/env-core', source: 'https://env.t3.gg/docs/core',
    exports: [{ name: 'createEnv', role: 'validator', example: "import { createEnv } from '@t3-oss/env-core'; export const env = createEnv({ server: {}, runtimeEnv: process.env });" }],
  },
  // ---- SQL -------------------------------------------------------------------------------------
  {
    package: 'pg', source: 'https://node-postgres.com/features/queries',
    exports: [
      { name: 'Pool#query', role: 'sql-executor', sql: { text: 0, values: 1 }, example: "import { Pool } from 'pg'; const pool = new Pool(); await pool.query('SELECT $1::int', [id]);" },
      { name: 'Client#query', role: 'sql-executor', sql: { text: 0, values: 1 }, example: "import { Client } from 'pg'; const client = new Client(); await client.query('SELECT $1::int', [id]);" },
      { name: 'Pool', role: 'data-client', example: "import { Pool } from 'pg'; const pool = new Pool(); await pool.connect();" },
      { name: 'Client', role: 'data-client', example: "import { Client } from 'pg'; const client = new Client(); await client.connect();" },
    ],
  },
  {
    package: 'pg-format', source: 'https://github.com/datalanche/node-pg-format#readme',
    exports: [
      { name: 'default', role: 'sql-escaper', example: "import format from 'pg-format'; const sql = format('SELECT * FROM %I WHERE id = %L', table, id);" },
      { name: 'default#ident', role: 'sql-escaper', example: "import format from 'pg-format'; const t = format.ident(table);" },
      { name: 'default#literal', role: 'sql-escaper', example: "import format from 'pg-format'; const v = format.literal(value);" },
    ],
  },
  {
    package: 'postgres', source: 'https://github.com/porsager/postgres#usage',
    exports: [
      { name: 'default', role: 'sql-tag', example: "import postgres from 'postgres'; const sql = postgres(url); await sql`SELECT * FROM users WHERE id = ${id}`;" },
      { name: 'default#unsafe', role: 'sql-executor', sql: { text: 0, raw: true, values: 1 }, example: "import postgres from 'postgres'; const sql = postgres(url); await sql.unsafe('SELECT 1');" },
    ],
  },
  {
    package: 'mysql2', source: 'https://sidorares.github.io/node-mysql2/docs',
    exports: [
      { name: 'createPool#query', role: 'sql-executor', sql: { text: 0, values: 1 }, example: "import { createPool } from 'mysql2'; const pool = createPool(opts); pool.query('SELECT ?', [id]);" },
      { name: 'createPool#execute', role: 'sql-executor', sql: { text: 0, values: 1 }, example: "import { createPool } from 'mysql2'; const pool = createPool(opts); pool.execute('SELECT ?', [id]);" },
      { name: 'escapeId', role: 'sql-escaper', example: "import { escapeId } from 'mysql2'; const col = escapeId(name);" },
    ],
  },
  {
    package: 'better-sqlite3', source: 'https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md',
    exports: [
      { name: 'default#prepare', role: 'sql-executor', sql: { text: 0 }, example: "import Database from 'better-sqlite3'; const db = new Database(file); db.prepare('SELECT ?').get(id);" },
      { name: 'default#exec', role: 'sql-executor', sql: { text: 0 }, example: "import Database from 'better-sqlite3'; const db = new Database(file); db.exec('CREATE TABLE t (id)');" },
    ],
  },
  {
    package: 'sqlite3', source: 'https://github.com/TryGhost/node-sqlite3/wiki/API',
    exports: [
      { name: 'Database#run', role: 'sql-executor', sql: { text: 0, values: 1 }, example: "import { Database } from 'sqlite3'; const db = new Database(file); db.run('UPDATE t SET a = ?', [a]);" },
      { name: 'Database#all', role: 'sql-executor', sql: { text: 0, values: 1 }, example: "import { Database } from 'sqlite3'; const db = new Database(file); db.all('SELECT * FROM t WHERE a = ?', [a], cb);" },
      { name: 'Database#get', role: 'sql-executor', sql: { text: 0, values: 1 }, example: "import { Database } from 'sqlite3'; const db = new Database(file); db.get('SELECT * FROM t WHERE a = ?', [a], cb);" },
    ],
  },
  {
    package: '@libsql/client', source: 'https://docs.turso.tech/sdk/ts/reference',
    exports: [
      { name: 'createClient#execute', role: 'sql-executor', sql: { text: 0 }, example: "import { createClient } from '@libsql/client'; const db = createClient({ url }); await db.execute('SELECT 1');" },
      { name: 'createClient#batch', role: 'sql-executor', sql: { text: 0 }, example: "import { createClient } from '@libsql/client'; const db = createClient({ url }); await db.batch(['DELETE FROM t']);" },
    ],
  },
  {
    package: '@cloudflare/workers-types', source: 'https://developers.cloudflare.com/d1/worker-api/d1-database/',
    exports: [
      { name: 'D1Database#prepare', role: 'sql-executor', sql: { text: 0 }, example: "import type { D1Database } from '@cloudflare/workers-types'; declare const db: D1Database; db.prepare('SELECT ?').bind(id);" },
      { name: 'D1Database#exec', role: 'sql-executor', sql: { text: 0 }, example: "import type { D1Database } from '@cloudflare/workers-types'; declare const db: D1Database; db.exec('DELETE FROM t');" },
      { name: 'SqlStorage#exec', role: 'sql-executor', sql: { text: 0, values: 1 }, example: "import type { SqlStorage } from '@cloudflare/workers-types'; declare const sql: SqlStorage; sql.exec('SELECT ?', id);" },
      // Workers bindings reach a handler as `env.NAME`, with no import: these say which of their methods read or write.
      { name: 'KVNamespace#put', role: 'data-client', example: "import type { KVNamespace } from '@cloudflare/workers-types'; declare const kv: KVNamespace; await kv.put('k', 'v');" },
      { name: 'KVNamespace#delete', role: 'data-client', example: "import type { KVNamespace } from '@cloudflare/workers-types'; declare const kv: KVNamespace; await kv.delete('k');" },
      { name: 'KVNamespace#list', role: 'data-client', example: "import type { KVNamespace } from '@cloudflare/workers-types'; declare const kv: KVNamespace; await kv.list();" },
      { name: 'D1Database#batch', role: 'data-client', example: "import type { D1Database } from '@cloudflare/workers-types'; declare const db: D1Database; await db.batch([stmt]);" },
      { name: 'D1Database#dump', role: 'data-client', example: "import type { D1Database } from '@cloudflare/workers-types'; declare const db: D1Database; await db.dump();" },
    ],
  },
  {
    package: '@prisma/client', source: 'https://www.prisma.io/docs/orm/prisma-client/using-raw-sql/raw-queries',
    exports: [
      { name: 'PrismaClient#$queryRaw', role: 'sql-tag', example: "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); await prisma.$queryRaw`SELECT ${id}`;" },
      { name: 'PrismaClient#$executeRaw', role: 'sql-tag', example: "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); await prisma.$executeRaw`DELETE FROM t WHERE id = ${id}`;" },
      // The values after the text are bound: only the text argument can carry injection.
      { name: 'PrismaClient#$queryRawUnsafe', role: 'sql-executor', sql: { text: 0, raw: true, values: 1 }, example: "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); await prisma.$queryRawUnsafe('SELECT $1', id);" },
      { name: 'PrismaClient#$executeRawUnsafe', role: 'sql-executor', sql: { text: 0, raw: true, values: 1 }, example: "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); await prisma.$executeRawUnsafe('DELETE FROM t WHERE id = $1', id);" },
      { name: 'PrismaClient', role: 'data-client', example: "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); await prisma.user.create({ data });" },
    ],
  },
  {
    package: 'drizzle-orm', source: 'https://orm.drizzle.team/docs/sql',
    exports: [
      { name: 'sql', role: 'sql-tag', example: "import { sql } from 'drizzle-orm'; const q = sql`SELECT * FROM users WHERE id = ${id}`;" },
      { name: 'sql#raw', role: 'sql-executor', sql: { text: 0, raw: true }, example: "import { sql } from 'drizzle-orm'; const q = sql.raw(text);" },
      { name: 'sql#identifier', role: 'sql-escaper', example: "import { sql } from 'drizzle-orm'; const col = sql.identifier(name);" },
    ],
  },
  {
    package: 'kysely', source: 'https://kysely-org.github.io/kysely-apidoc/interfaces/Sql.html',
    exports: [
      { name: 'sql', role: 'sql-tag', example: "import { sql } from 'kysely'; const q = sql`SELECT ${id}`;" },
      { name: 'sql#raw', role: 'sql-executor', sql: { text: 0, raw: true }, example: "import { sql } from 'kysely'; const q = sql.raw(text);" },
      { name: 'sql#ref', role: 'sql-escaper', example: "import { sql } from 'kysely'; const col = sql.ref(name);" },
      { name: 'sql#id', role: 'sql-escaper', example: "import { sql } from 'kysely'; const col = sql.id(name);" },
    ],
  },
  {
    package: 'knex', source: 'https://knexjs.org/guide/raw.html',
    exports: [
      { name: 'default#raw', role: 'sql-executor', sql: { text: 0, raw: true, values: 1 }, example: "import knex from 'knex'; const db = knex(config); await db.raw('SELECT ?', [id]);" },
      { name: 'default', role: 'data-client', example: "import knex from 'knex'; const db = knex(config); await db('users').insert(row);" },
    ],
  },
  // ---- Data clients: every call on one (or on what it makes) reads or writes stored data ------------
  {
    package: 'drizzle-orm/node-postgres', source: 'https://orm.drizzle.team/docs/get-started-postgresql',
    exports: [{ name: 'drizzle', role: 'data-client', example: "import { drizzle } from 'drizzle-orm/node-postgres'; const db = drizzle(pool); await db.insert(users).values(row);" }],
  },
  {
    package: 'drizzle-orm/postgres-js', source: 'https://orm.drizzle.team/docs/get-started-postgresql',
    exports: [{ name: 'drizzle', role: 'data-client', example: "import { drizzle } from 'drizzle-orm/postgres-js'; const db = drizzle(client); await db.select().from(users);" }],
  },
  {
    package: 'drizzle-orm/d1', source: 'https://orm.drizzle.team/docs/get-started-sqlite#cloudflare-d1',
    exports: [{ name: 'drizzle', role: 'data-client', example: "import { drizzle } from 'drizzle-orm/d1'; const db = drizzle(env.DB); await db.select().from(users);" }],
  },
  {
    package: 'mysql2/promise', source: 'https://sidorares.github.io/node-mysql2/docs#using-promise-wrapper',
    exports: [{ name: 'createPool', role: 'data-client', example: "import { createPool } from 'mysql2/promise'; const pool = createPool(opts); await pool.query('SELECT 1');" }],
  },
  {
    package: 'mongodb', source: 'https://www.mongodb.com/docs/drivers/node/current/quick-start/',
    exports: [{ name: 'MongoClient', role: 'data-client', example: "import { MongoClient } from 'mongodb'; const client = new MongoClient(url); await client.db().collection('users').insertOne(doc);" }],
  },
  {
    package: 'ioredis', source: 'https://github.com/redis/ioredis#basic-usage',
    exports: [{ name: 'default', role: 'data-client', example: "import Redis from 'ioredis'; const redis = new Redis(); await redis.set('k', 'v');" }],
  },
  {
    package: 'redis', source: 'https://github.com/redis/node-redis#usage',
    exports: [{ name: 'createClient', role: 'data-client', example: "import { createClient } from 'redis'; const client = createClient(); await client.set('k', 'v');" }],
  },
  {
    package: '@supabase/supabase-js', source: 'https://supabase.com/docs/reference/javascript/insert',
    exports: [{ name: 'createClient', role: 'data-client', example: "import { createClient } from '@supabase/supabase-js'; const supabase = createClient(url, key); await supabase.from('users').insert(row);" }],
  },
  // ---- Queues ----------------------------------------------------------------------------------
  {
    package: 'bullmq', source: 'https://docs.bullmq.io/guide/queues',
    exports: [
      { name: 'Queue', role: 'queue', queue: { nameProperty: 'name' }, example: "import { Queue, Worker } from 'bullmq'; const q = new Queue('mail', { connection }); new Worker(q.name, run);" },
      { name: 'Queue#add', role: 'queue-producer', example: "import { Queue } from 'bullmq'; const q = new Queue('mail'); await q.add('send', data);" },
      { name: 'Queue#addBulk', role: 'queue-producer', example: "import { Queue } from 'bullmq'; const q = new Queue('mail'); await q.addBulk([{ name: 'send', data }]);" },
      { name: 'Worker', role: 'queue-consumer', example: "import { Worker } from 'bullmq'; const w = new Worker('mail', async (job) => send(job.data));" },
    ],
  },
  {
    package: 'bull', source: 'https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md',
    exports: [
      { name: 'default', role: 'queue', queue: { nameProperty: 'name' }, example: "import Queue from 'bull'; const q = new Queue('mail', redisUrl); log(q.name);" },
      { name: 'default#add', role: 'queue-producer', example: "import Queue from 'bull'; const q = new Queue('mail'); await q.add(data);" },
      { name: 'default#process', role: 'queue-consumer', example: "import Queue from 'bull'; const q = new Queue('mail'); q.process(async (job) => send(job.data));" },
    ],
  },
  {
    package: 'bee-queue', source: 'https://github.com/bee-queue/bee-queue#usage',
    exports: [
      { name: 'default', role: 'queue', queue: { nameProperty: 'name' }, example: "import Queue from 'bee-queue'; const q = new Queue('mail'); log(q.name);" },
      { name: 'default#createJob', role: 'queue-producer', example: "import Queue from 'bee-queue'; const q = new Queue('mail'); await q.createJob(data).save();" },
      { name: 'default#process', role: 'queue-consumer', example: "import Queue from 'bee-queue'; const q = new Queue('mail'); q.process(async (job) => send(job.data));" },
    ],
  },
  {
    package: '@nestjs/bullmq', source: 'https://docs.nestjs.com/techniques/queues',
    exports: [
      { name: 'InjectQueue', role: 'queue', queue: { methodsOf: 'bullmq#Queue' }, example: "import { InjectQueue } from '@nestjs/bullmq'; class Mail { constructor(@InjectQueue('mail') private q: Queue) {} send() { return this.q.add('send', {}); } }" },
      { name: 'Processor', role: 'queue-consumer', example: "import { Processor, WorkerHost } from '@nestjs/bullmq'; @Processor('mail') class MailConsumer extends WorkerHost {}" },
    ],
  },
  {
    package: '@nestjs/bull', source: 'https://docs.nestjs.com/techniques/queues',
    exports: [
      { name: 'InjectQueue', role: 'queue', queue: { methodsOf: 'bull#default' }, example: "import { InjectQueue } from '@nestjs/bull'; class Mail { constructor(@InjectQueue('mail') private q: Queue) {} send() { return this.q.add({}); } }" },
      { name: 'Processor', role: 'queue-consumer', example: "import { Processor, Process } from '@nestjs/bull'; @Processor({ name: 'mail' }) class MailConsumer {}" },
    ],
  },
  // ---- Logging ---------------------------------------------------------------------------------
  {
    package: 'pino', source: 'https://getpino.io/#/docs/api',
    exports: [{ name: 'default', role: 'logger', example: "import pino from 'pino'; const log = pino();" }],
  },
  {
    package: 'pino-http', source: 'https://github.com/pinojs/pino-http#readme',
    exports: [{ name: 'default', role: 'logger', example: "import pinoHttp from 'pino-http'; app.use(pinoHttp());" }],
  },
  {
    package: 'winston', source: 'https://github.com/winstonjs/winston#usage',
    exports: [{ name: 'createLogger', role: 'logger', example: "import { createLogger } from 'winston'; const log = createLogger({});" }],
  },
  {
    package: 'morgan', source: 'https://github.com/expressjs/morgan#readme',
    exports: [{ name: 'default', role: 'logger', example: "import morgan from 'morgan'; app.use(morgan('combined'));" }],
  },
  {
    package: 'hono/logger', source: 'https://hono.dev/docs/middleware/builtin/logger',
    exports: [{ name: 'logger', role: 'logger', example: "import { logger } from 'hono/logger'; app.use(logger());" }],
  },
  // ---- Shutdown --------------------------------------------------------------------------------
  {
    package: '@godaddy/terminus', source: 'https://github.com/godaddy/terminus#usage',
    exports: [{ name: 'createTerminus', role: 'shutdown-hook', example: "import { createTerminus } from '@godaddy/terminus'; createTerminus(server, { onSignal });" }],
  },
  {
    package: 'close-with-grace', source: 'https://github.com/mcollina/close-with-grace#readme',
    exports: [{ name: 'default', role: 'shutdown-hook', example: "import closeWithGrace from 'close-with-grace'; closeWithGrace(async () => { await app.close(); });" }],
  },
];
