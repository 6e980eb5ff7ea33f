// How each JWT library gives a token an expiry when it signs one. A token without `exp` is valid
// forever: a leaked or stolen token (a log line, a browser's storage, a former employee's laptop)
// opens the account until the signing key is rotated, which signs every user out.

export interface JwtSigner {
  /** The module as imported. */
  module: string;
  /** The export that signs (`sign`), or the class whose chain signs (`SignJWT`). */
  export: string;
  /**
   * `call`: `sign(payload, key, options)`; `chain`: `new SignJWT(payload).setX().sign(key)`;
   * `factory`: `createSigner(options)` returns the function that signs (`signer(payload)`), the expiry
   * is an option of the factory (or `exp` in each payload).
   */
  how: 'call' | 'chain' | 'factory';
  /** Argument index of the payload (for `chain`, of the constructor). */
  payloadArg: number;
  /** Argument index of the options object, or null when the function takes none. */
  optionsArg: number | null;
  /** Argument index of the key it signs with (for `chain`, of the final `sign(key)`; for `factory`, the options argument holding `key`). */
  keyArg: number;
  /** Options that set the expiry. */
  expiryOptions: readonly string[];
  /** What a number given as the expiry option counts (jsonwebtoken: seconds; fast-jwt: milliseconds); strings are `ms` spans ('15m', '30d', '1y'). */
  expiryNumberUnit?: 's' | 'ms';
  /** For `chain`: the method that sets the expiry. */
  expiryMethod?: string;
  /** The payload claim that carries the expiry (RFC 7519 §4.1.4). */
  claim: 'exp';
  example: string;
  source: string;
}

export const JWT_SIGNERS: readonly JwtSigner[] = [
  {
    module: 'jsonwebtoken', export: 'sign', how: 'call', payloadArg: 0, optionsArg: 2, keyArg: 1, expiryOptions: ['expiresIn'], expiryNumberUnit: 's', claim: 'exp',
    example: "import jwt from 'jsonwebtoken'; jwt.sign({ sub: user.id }, secret, { expiresIn: '15m' })",
    source: 'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback (expiresIn, or exp in the payload)',
  },
  {
    // hono/jwt's sign(payload, secret, alg) has no options: the expiry is the payload's exp.
    module: 'hono/jwt', export: 'sign', how: 'call', payloadArg: 0, optionsArg: null, keyArg: 1, expiryOptions: [], claim: 'exp',
    example: "import { sign } from 'hono/jwt'; await sign({ sub, exp: Math.floor(Date.now() / 1000) + 900 }, secret)",
    source: 'https://hono.dev/docs/helpers/jwt#sign (exp in the payload)',
  },
  {
    module: '@tsndr/cloudflare-worker-jwt', export: 'sign', how: 'call', payloadArg: 0, optionsArg: null, keyArg: 1, expiryOptions: [], claim: 'exp',
    example: "import jwt from '@tsndr/cloudflare-worker-jwt'; await jwt.sign({ sub, exp: Math.floor(Date.now() / 1000) + 900 }, secret)",
    source: 'https://github.com/tsndr/cloudflare-worker-jwt#sign (exp in the payload)',
  },
  {
    module: 'jose', export: 'SignJWT', how: 'chain', payloadArg: 0, optionsArg: null, keyArg: 0, expiryOptions: [], expiryMethod: 'setExpirationTime', claim: 'exp',
    example: "import { SignJWT } from 'jose'; await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(key)",
    source: 'https://github.com/panva/jose/blob/main/docs/jwt/sign/classes/SignJWT.md (setExpirationTime)',
  },
  {
    // fast-jwt: createSigner({ key, expiresIn }) returns signer(payload); with no expiresIn (and no
    // exp in the payload) the token has no exp claim.
    module: 'fast-jwt', export: 'createSigner', how: 'factory', payloadArg: 0, optionsArg: 0, keyArg: 0, expiryOptions: ['expiresIn'], expiryNumberUnit: 'ms', claim: 'exp',
    example: "import { createSigner } from 'fast-jwt'; const signSync = createSigner({ key: secret, expiresIn: 900000 }); signSync({ sub })",
    source: 'https://github.com/nearform/fast-jwt#createsigner (expiresIn: "Time span (in milliseconds or text describing time) after which the token expires, added as the exp claim")',
  },
];

const SPAN_UNITS: Record<string, number> = {
  ms: 1, msec: 1, msecs: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
  y: 31_557_600_000, yr: 31_557_600_000, yrs: 31_557_600_000, year: 31_557_600_000, years: 31_557_600_000,
};

/**
 * The milliseconds an expiry option gives: a number in the signer's unit, or a string the `ms` package
 * parses ('15m', '30d', '1y', '2 days'; a bare digit string is milliseconds). Null when not a span.
 * Source: https://github.com/vercel/ms#examples (the parser jsonwebtoken and fast-jwt use for strings).
 */
export function expirySpanMs(value: string | number, unit: 's' | 'ms'): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value * (unit === 's' ? 1000 : 1) : null;
  const m = /^\s*(-?\d*\.?\d+)\s*([a-z]*)\s*$/i.exec(value);
  if (!m) return null;
  const u = m[2].toLowerCase();
  const factor = u === '' ? 1 : SPAN_UNITS[u];
  return factor === undefined ? null : Number(m[1]) * factor;
}

/** The signer an import is (`name` is the export, 'default' or '*'; `member` the property called on a whole-module import). */
export function jwtSignerOf(module: string, name: string, member?: string): JwtSigner | null {
  const whole = name === 'default' || name === '*';
  const called = whole ? member : name;
  return JWT_SIGNERS.find((s) => s.module === module && s.export === called) ?? null;
}

/**
 * A signer a dependency-injection container hands in (`constructor(private jwt: JwtService)`): its
 * methods sign with the options of the call merged over the defaults the module was registered with,
 * so a call without an expiry signs forever only when the registration gives none either.
 */
export interface InjectedJwtSigner {
  module: string;
  /** The class injected. */
  class: string;
  /** Its methods that sign: `sign(payload, options?)`. */
  methods: readonly string[];
  payloadArg: number;
  optionsArg: number;
  expiryOptions: readonly string[];
  /** What a number given as the expiry counts (as JwtSigner.expiryNumberUnit). */
  expiryNumberUnit: 's' | 'ms';
  /** Options of a call that give the key it signs with; without one, the registered default key. */
  keyOptions: readonly string[];
  /** The module class whose static calls register the defaults, and where in their options they are. */
  registration: { class: string; methods: readonly string[]; asyncMethods: readonly string[]; defaultsKey: string; factoryKey: string };
  example: string;
  source: string;
}

export const INJECTED_JWT_SIGNERS: readonly InjectedJwtSigner[] = [
  {
    module: '@nestjs/jwt', class: 'JwtService', methods: ['sign', 'signAsync'], payloadArg: 0, optionsArg: 1, expiryOptions: ['expiresIn'], expiryNumberUnit: 's', keyOptions: ['secret', 'privateKey'],
    registration: { class: 'JwtModule', methods: ['register'], asyncMethods: ['registerAsync'], defaultsKey: 'signOptions', factoryKey: 'useFactory' },
    example: "JwtModule.register({ secret, signOptions: { expiresIn: '15m' } }); class A { constructor(private jwt: JwtService) {} t() { return this.jwt.sign({ sub }); } }",
    source: 'https://docs.nestjs.com/security/authentication#jwt-token (signOptions.expiresIn); https://github.com/nestjs/jwt#options (sign options merge over signOptions; signs with jsonwebtoken, whose numeric expiresIn counts seconds)',
  },
];

/** The injected signer a class imported from a module is, or null. */
export function injectedJwtSignerOf(module: string, name: string): InjectedJwtSigner | null {
  return INJECTED_JWT_SIGNERS.find((s) => s.module === module && s.class === name) ?? null;
}

/** The injected signer whose registering module class this is (`JwtModule` of @nestjs/jwt), or null. */
export function jwtRegistrationOf(module: string, name: string): InjectedJwtSigner | null {
  return INJECTED_JWT_SIGNERS.find((s) => s.module === module && s.registration.class === name) ?? null;
}

/**
 * A signer a framework plugin decorates the app and the reply with once registered
 * (`app.register(fastifyJwt, { secret, sign: { expiresIn } })`, then `app.jwt.sign(payload)` /
 * `reply.jwtSign(payload)` anywhere): a call's options merge over the registration's sign defaults.
 */
export interface PluginJwtSigner {
  module: string;
  /** Argument index of the plugin options in `app.register(plugin, options)`. */
  registerOptionsArg: number;
  /** The plugin option holding the default sign options. */
  defaultsKey: string;
  expiryOptions: readonly string[];
  /** The decorated member of the instance and its signing methods (`app.jwt.sign`). */
  instanceMember: string;
  instanceMethods: readonly string[];
  /** The decorated methods of the reply (`reply.jwtSign`). */
  replyMethods: readonly string[];
  payloadArg: number;
  optionsArg: number;
  example: string;
  source: string;
}

export const PLUGIN_JWT_SIGNERS: readonly PluginJwtSigner[] = [
  {
    module: '@fastify/jwt', registerOptionsArg: 1, defaultsKey: 'sign', expiryOptions: ['expiresIn'],
    instanceMember: 'jwt', instanceMethods: ['sign'], replyMethods: ['jwtSign'], payloadArg: 0, optionsArg: 1,
    example: "app.register(fastifyJwt, { secret, sign: { expiresIn: '15m' } }); reply.jwtSign({ sub })",
    source: 'https://github.com/fastify/fastify-jwt#sign (options.sign.expiresIn, default sign options); #jwtsign (reply.jwtSign(payload, [options]) and fastify.jwt.sign(payload, [options]) merge over them)',
  },
];

/** The plugin signer a module is, or null. */
export function pluginJwtSignerOf(module: string): PluginJwtSigner | null {
  return PLUGIN_JWT_SIGNERS.find((s) => s.module === module) ?? null;
}
