import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './secret-in-log.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'an identifier, not the value', code: "console.log(`user ${user.id} logged in`);" },
    { name: 'a constant message about a token', code: "console.warn('token expired');" },
    { name: 'a name about a secret, not the secret', code: "console.info({ tokenLength: token.length, emailVerified: true });" },
    { name: 'a call that is no log (a local named console is not the global)', code: "const console = { log: (x: unknown) => x };\nconsole.log(password);" },
    { name: 'a method named info on something that is no logger', code: "import { api } from './api';\napi.info(password);" },
  ],
  invalid: [
    {
      name: 'a password logged with console',
      code: "export function login(req) {\n  console.log('login attempt', req.body.password);\n}",
      errors: [{ messageId: 'logged', line: 2, severity: 'medium', data: { name: '`password`', kind: 'secret' } }],
    },
    {
      name: 'an email list in a fastify request log, through JSON.stringify in a template',
      code: "req.log.warn(`Invalid user: ${JSON.stringify(emails)}`);",
      errors: [{ messageId: 'logged', line: 1, data: { method: 'req.log.warn', name: '`emails`', kind: 'personal data' } }],
    },
    {
      name: 'a token in an object given to a pino logger',
      code: "import pino from 'pino';\nconst logger = pino();\nlogger.info({ user: id, accessToken: session.accessToken }, 'signed in');",
      errors: [{ messageId: 'logged', line: 3, data: { name: '`accessToken`' } }],
    },
  ],
});
