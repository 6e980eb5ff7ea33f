import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './telemetry-sends-pii.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'sendDefaultPii false', code: "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: false });" },
    { name: 'sendDefaultPii read from the environment is not judged', code: "import * as Sentry from '@sentry/node';\nSentry.init({ dsn, sendDefaultPii: process.env.SENTRY_PII === 'true' });" },
    { name: 'an init of another module', code: "import { init } from './tracker';\ninit({ sendDefaultPii: true });" },
    { name: 'a test file', path: 'test/setup.test.ts', code: "import * as Sentry from '@sentry/node';\nSentry.init({ sendDefaultPii: true });" },
  ],
  invalid: [
    {
      name: '@sentry/node namespace init with sendDefaultPii: true',
      code: "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: true });",
      errors: [{ messageId: 'sendsPii', line: 2, severity: 'medium' }],
    },
    {
      name: '@sentry/nestjs named init with the value through a const',
      code: "import { init } from '@sentry/nestjs';\nconst PII = true;\ninit({ dsn, sendDefaultPii: PII, tracesSampleRate: 1 });",
      errors: [{ messageId: 'sendsPii', line: 3 }],
    },
    {
      name: '@sentry/nextjs options held in a const',
      code: "import * as Sentry from '@sentry/nextjs';\nconst options = {\n  dsn,\n  sendDefaultPii: true,\n};\nSentry.init(options);",
      errors: [{ messageId: 'sendsPii', line: 4 }],
    },
  ],
});
