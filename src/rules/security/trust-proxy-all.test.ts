import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './trust-proxy-all.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a hop count', code: "import Fastify from 'fastify';\nconst app = Fastify({ trustProxy: 1 });" },
    { name: 'the proxies\' addresses', code: "import express from 'express';\nconst app = express();\napp.set('trust proxy', ['10.0.0.0/8']);" },
    { name: 'a trustProxy key of something that is no app', code: "import cfg from './config';\nconst c = cfg({ trustProxy: true });" },
    { name: 'off', code: "import Koa from 'koa';\nconst app = new Koa({ proxy: false });" },
  ],
  invalid: [
    {
      name: 'Fastify created with trustProxy: true',
      code: "import Fastify from 'fastify';\nconst fastify = Fastify({\n  trustProxy: true,\n  logger: true,\n});",
      errors: [{ messageId: 'trustAll', line: 3, severity: 'low' }],
    },
    {
      name: 'express trust proxy set to true, and Koa through require',
      code: "const express = require('express');\nconst Koa = require('koa');\nconst app = express();\napp.set('trust proxy', true);\nconst k = new Koa({ proxy: true });",
      errors: [{ messageId: 'trustAll', line: 4 }, { messageId: 'trustAll', line: 5 }],
    },
  ],
});
