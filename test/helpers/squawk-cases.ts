// Inline Postgres migration sets for the squawk rule tests.
const pkg = { 'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0"}}' };

const INIT = 'CREATE TABLE accounts (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email TEXT NOT NULL, plan TEXT, balance INTEGER, legacy TEXT);\n';

/** Each statement of 002 trips exactly one squawk rule verdict maps. */
export const CHANGES = {
  ...pkg,
  'migrations/001_init.sql': INIT,
  'migrations/002_changes.sql': [
    "ALTER TABLE accounts ADD CONSTRAINT accounts_plan_check CHECK (plan IN ('free', 'pro'));",
    'ALTER TABLE accounts ALTER COLUMN balance TYPE BIGINT;',
    'ALTER TABLE accounts RENAME COLUMN email TO email_address;',
    'ALTER TABLE accounts DROP COLUMN legacy;',
  ].join('\n'),
};

/** Every risky operation on a table created earlier in the same file: the table is empty, nothing to report. */
export const SAME_FILE = {
  ...pkg,
  'migrations/001_init.sql': [
    INIT.trim(),
    'ALTER TABLE accounts ADD COLUMN name TEXT NOT NULL;',
    'CREATE INDEX accounts_email_idx ON accounts (email);',
    'ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);',
    "ALTER TABLE accounts ADD CONSTRAINT accounts_plan_check CHECK (plan IN ('free', 'pro'));",
    'ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;',
    'ALTER TABLE accounts ALTER COLUMN balance TYPE BIGINT;',
    'ALTER TABLE accounts RENAME COLUMN email TO email_address;',
    'ALTER TABLE accounts DROP COLUMN legacy;',
  ].join('\n'),
};
