import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './cors-any-origin.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'an allow-list of origins', code: "import cors from 'cors';\napp.use(cors({ origin: ['https://app.example.com'] }));" },
    { name: 'origins from configuration', code: "import cors from 'cors';\nconst origin = process.env.ALLOWED_ORIGINS.split(',');\napp.use(cors({ origin }));" },
    { name: 'credentials too: security/cors-permissive reports it', code: "import cors from 'cors';\napp.use(cors({ origin: true, credentials: true }));" },
    { name: 'a local function named cors', code: "function cors() { return (req, res, next) => next(); }\napp.use(cors());" },
    { name: 'options built elsewhere and spread', code: "import cors from 'cors';\napp.use(cors({ ...corsOptions }));" },
    { name: 'a hono origin function', code: "import { cors } from 'hono/cors';\napp.use('*', cors({ origin: (o) => (allowed.has(o) ? o : null) }));" },
    { name: 'fastify cors registered with an origin list', code: "import cors from '@fastify/cors';\nawait app.register(cors, { origin: ['https://a.example.com'] });" },
    { name: 'Nest with a restricted origin', code: "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: { origin: 'https://a.example.com' } });\napp.enableCors({ origin: ['https://a.example.com'] });" },
    { name: 'enableCors on something that is not a Nest app', code: 'const app = makeApp();\napp.enableCors();' },
    { name: 'a specific origin header', code: "res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');" },
    { name: 'a star header with credentials: security/cors-permissive reports the pair', code: "res.setHeader('Access-Control-Allow-Origin', '*');\nres.setHeader('Access-Control-Allow-Credentials', 'true');" },
  ],
  invalid: [
    {
      name: 'cors() with no options, imported and required',
      code: "import cors from 'cors';\napp.use(cors());\nconst c2 = require('cors');\napp.options('*', c2());",
      errors: [{ messageId: 'libraryDefault', line: 2, severity: 'low' }, { messageId: 'libraryDefault', line: 4 }],
    },
    {
      name: "origin '*' and origin: true through a const",
      code: "import cors from '@koa/cors';\napp.use(cors({ origin: '*' }));\nconst opts = { origin: true, maxAge: 600 };\napp.use(cors(opts));",
      errors: [{ messageId: 'anyOrigin', line: 2 }, { messageId: 'reflectedOrigin', line: 3 }],
    },
    {
      name: 'hono cors() and @fastify/cors registered bare',
      code: "import { cors } from 'hono/cors';\nimport fastifyCors from '@fastify/cors';\napp.use('/api/*', cors());\nawait server.register(fastifyCors);",
      errors: [{ messageId: 'libraryDefault', line: 3 }, { messageId: 'libraryDefault', line: 4 }],
    },
    {
      name: 'Nest: cors: true in the options const, and enableCors() on the app',
      code: "import { NestFactory } from '@nestjs/core';\nasync function main() {\n  const appOptions = { cors: true };\n  const app = await NestFactory.create(AppModule, appOptions);\n  app.enableCors();\n}",
      errors: [{ messageId: 'nestDefault', line: 3 }, { messageId: 'nestDefault', line: 5 }],
    },
    {
      name: 'a handler setting the header to *, by call and in a headers object',
      code: "const withCors = (res: Response) => {\n  res.headers.set('Access-Control-Allow-Origin', '*');\n};\nexport const OPTIONS = () => new Response(null, { headers: { 'Access-Control-Allow-Origin': '*' } });",
      errors: [{ messageId: 'header', line: 2 }, { messageId: 'header', line: 4 }],
    },
  ],
});
