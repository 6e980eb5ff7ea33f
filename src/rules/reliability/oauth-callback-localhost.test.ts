import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './oauth-callback-localhost.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a callback from configuration', code: "import OAuth from '@fastify/oauth2';\nawait app.register(OAuth, { name: 'github', callbackUri: `${config.PUBLIC_URL}/login/callback` });" },
    { name: 'a public literal URL', code: "import { Strategy } from 'passport-github2';\npassport.use(new Strategy({ callbackURL: 'https://app.example.com/auth/callback' }, verify));" },
    { name: 'a localhost URL in an option of something else', code: "import { makeClient } from './client';\nnew makeClient({ callbackURL: 'http://localhost:3000/cb' });\napp.register(other, { callbackUri: 'http://localhost:3000/cb' });" },
  ],
  invalid: [
    {
      name: '@fastify/oauth2 and a passport strategy with localhost callbacks',
      code: "import OAuth from '@fastify/oauth2';\nimport { Strategy as GitHub } from 'passport-github2';\nawait fastify.register(OAuth, {\n  name: 'github',\n  callbackUri: 'http://localhost:3000/_app/login/github/callback',\n});\npassport.use(new GitHub({ callbackURL: 'http://127.0.0.1:8080/cb' }, verify));",
      errors: [{ messageId: 'localhost', line: 5, severity: 'medium' }, { messageId: 'localhost', line: 7 }],
    },
  ],
});
