import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './status-page-public.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a guard before the monitor in the same mount', code: "import monitor from 'express-status-monitor';\nimport basicAuth from 'express-basic-auth';\napp.use(basicAuth({ users: { admin: pw } }), monitor());" },
    { name: 'only the page handler, on a guarded route', code: "import monitor from 'express-status-monitor';\napp.get('/status', requireAdmin, monitor().pageRoute);" },
    { name: 'a local monitor function', code: 'const monitor = () => (req, res, next) => next();\napp.use(monitor());' },
    { name: 'options from elsewhere', code: "import monitor from 'express-status-monitor';\napp.use(monitor(config.monitor));" },
  ],
  invalid: [
    {
      name: 'mounted bare, imported and required',
      code: "import monitor from 'express-status-monitor';\napp.use(monitor());\nconst statusMonitor = require('express-status-monitor');\nserver.use(statusMonitor({ path: '/internal/status' }));",
      errors: [{ messageId: 'publicPage', line: 2, severity: 'medium' }, { messageId: 'publicPage', line: 4 }],
    },
  ],
});
