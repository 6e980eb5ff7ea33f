// Options of error-tracking SDKs that make them send the personal data of the requests they see to
// the vendor: with Sentry's `sendDefaultPii: true`, the events of a server SDK carry the request's
// headers (Authorization among them), its cookies, the user's IP address and the logged-in user.

export interface TelemetryPiiOption {
  /** The modules whose export sets it. */
  modules: readonly string[];
  /** The export that takes the options (`init`). */
  export: string;
  /** Argument index of the options object. */
  optionsArg: number;
  /** The option, and the value that turns the sending on. */
  option: string;
  value: true;
  /** What the events then carry. */
  sends: string;
  vendor: string;
  example: string;
  source: string;
}

export const TELEMETRY_PII_OPTIONS: readonly TelemetryPiiOption[] = [
  {
    modules: ['@sentry/node', '@sentry/nestjs', '@sentry/nextjs', '@sentry/bun'],
    export: 'init', optionsArg: 0, option: 'sendDefaultPii', value: true,
    sends: 'request headers (Authorization among them), cookies, IP addresses and the logged-in user',
    vendor: 'Sentry',
    example: "import * as Sentry from '@sentry/node'; Sentry.init({ dsn, sendDefaultPii: true })",
    source: 'https://docs.sentry.io/platforms/javascript/guides/node/configuration/options/#sendDefaultPii ; https://docs.sentry.io/platforms/javascript/guides/node/data-management/data-collected/ (headers, cookies, IP and user sent only with sendDefaultPii)',
  },
];

/** The option a module's export takes that sends request PII to the vendor, or null. */
export function telemetryPiiOptionOf(module: string, name: string): TelemetryPiiOption | null {
  return TELEMETRY_PII_OPTIONS.find((o) => o.modules.includes(module) && o.export === name) ?? null;
}
