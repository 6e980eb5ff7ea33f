import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './schema-sync-at-startup.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'synchronize only outside production', code: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', synchronize: process.env.NODE_ENV !== 'production' });" },
    { name: 'synchronize false', code: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', synchronize: false });" },
    { name: 'no ORM imported: another library\'s option of the same name', code: "export const opts = { synchronize: true };" },
    { name: 'force on another method', code: "import { Sequelize } from 'sequelize';\nexport const r = (s: Sequelize) => s.drop({ force: true } as never);" },
    { name: 'Sequelize force only in development (a branch)', code: "import { Sequelize } from 'sequelize';\nconst s = new Sequelize('x');\nif (process.env.NODE_ENV === 'development') s.sync({ force: true });" },
    { name: 'tests may sync', path: 'test/setup.ts', code: "import { Sequelize } from 'sequelize';\nexport const r = (s: Sequelize) => s.sync({ force: true });" },
  ],
  invalid: [
    {
      name: 'TypeORM connection options with synchronize: true',
      path: 'src/server.ts',
      code: "import { createConnection, ConnectionOptions } from 'typeorm';\nconst connectionOptions: ConnectionOptions = {\n  type: 'postgres',\n  synchronize: true,\n};\ncreateConnection(connectionOptions);",
      errors: [{ messageId: 'sync', line: 4, severity: 'high', data: { property: 'synchronize' } }],
    },
    {
      name: 'Nest TypeOrmModule.forRoot, and Sequelize sync({ force }) / sync({ alter })',
      code: "import { TypeOrmModule } from '@nestjs/typeorm';\nimport { Sequelize } from 'sequelize';\nconst ON = true;\nexport const m = TypeOrmModule.forRoot({ synchronize: ON });\nexport const r = (s: Sequelize) => s.sync({ force: true });\nexport const a = (s: Sequelize) => s.sync({ alter: true });",
      errors: [{ messageId: 'sync', line: 4 }, { messageId: 'drop', line: 5, data: { text: 'force: true' } }, { messageId: 'sync', line: 6, data: { property: 'alter' } }],
    },
  ],
});
