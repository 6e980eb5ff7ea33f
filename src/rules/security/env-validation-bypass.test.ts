import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './env-validation-bypass.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'skipValidation from a constant, and a secret required everywhere', code: "import { createEnv } from '@t3-oss/env-core';\nexport const env = createEnv({ server: { AUTH_SECRET: z.string().min(1) }, runtimeEnv: process.env, skipValidation: false });" },
    { name: 'a non-secret optional outside production', code: "import { createEnv } from '@t3-oss/env-core';\ncreateEnv({ server: { LOG_LEVEL: process.env.NODE_ENV === 'production' ? z.string() : z.string().optional() } });" },
    { name: 'a secret optional in both branches is the same everywhere', code: "import { createEnv } from '@t3-oss/env-core';\ncreateEnv({ server: { API_SECRET: process.env.X ? z.string().optional() : z.string().nullish() } });" },
    { name: 'a createEnv of the project', code: "import { createEnv } from './env-helpers';\ncreateEnv({ skipValidation: !!process.env.CI });" },
  ],
  invalid: [
    {
      name: 'validation skipped on CI, a secret optional outside production',
      code: [
        "import { createEnv } from '@t3-oss/env-core';",
        'export const authEnv = () => createEnv({',
        '  server: {',
        '    AUTH_SECRET:',
        "      process.env.NODE_ENV === 'production'",
        '        ? z.string().min(1)',
        '        : z.string().min(1).optional(),',
        '  },',
        '  runtimeEnv: process.env,',
        "  skipValidation: !!process.env.CI || process.env.npm_lifecycle_event === 'lint',",
        '});',
      ].join('\n'),
      errors: [{ messageId: 'secretOptional', line: 7, severity: 'medium' }, { messageId: 'skipFromEnv', line: 10, severity: 'low' }],
    },
  ],
});
