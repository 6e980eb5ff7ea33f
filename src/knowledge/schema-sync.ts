// ORM options that rewrite the database schema from the models when the application starts: a
// schema change nobody reviewed, applied to production on the next deploy (columns dropped with
// their data when a model loses a field).

export interface SchemaSyncOption {
  /** The packages whose import makes the option theirs. */
  packages: readonly string[];
  /** An options-object property set to `true`, or a method whose options argument sets one. */
  property: string;
  method?: string;
  /**
   * The method's own argument at this index is the flag (`dataSource.synchronize(true)`): a call,
   * not an options property; `property` then names the parameter.
   */
  argument?: number;
  /** Every table (or the whole schema) is dropped, not only altered: the data is gone at each start. */
  drops?: boolean;
  what: string;
  example: string;
  source: string;
}

export const SCHEMA_SYNC_OPTIONS: readonly SchemaSyncOption[] = [
  {
    packages: ['typeorm', '@nestjs/typeorm'], property: 'synchronize',
    what: 'TypeORM synchronize: the schema is altered to match the entities at every start',
    example: "import { DataSource } from 'typeorm'; new DataSource({ type: 'postgres', synchronize: true });",
    source: 'https://typeorm.io/data-source-options ("synchronize ... shouldn\'t be used in production")',
  },
  {
    packages: ['typeorm', '@nestjs/typeorm'], property: 'dropSchema', drops: true,
    what: 'TypeORM dropSchema: the schema is dropped each time the data source is initialized',
    example: "import { DataSource } from 'typeorm'; new DataSource({ type: 'postgres', dropSchema: true });",
    source: 'https://typeorm.io/data-source-options ("dropSchema - Drops the schema each time data source is being initialized. Be careful with this option and don\'t use this in production")',
  },
  {
    packages: ['typeorm'], property: 'dropBeforeSync', method: 'synchronize', argument: 0, drops: true,
    what: 'TypeORM synchronize(true): every table is dropped before the schema is synchronized',
    example: "import { DataSource } from 'typeorm'; await dataSource.synchronize(true); // dropBeforeSync: true",
    source: 'https://typeorm.io/docs/data-source/data-source-api ("synchronize(dropBeforeSync?: boolean) ... if true, drops all tables first"; DataSource.synchronize in typeorm/src/data-source/DataSource.ts)',
  },
  {
    packages: ['sequelize', 'sequelize-typescript'], property: 'force', method: 'sync', drops: true,
    what: 'Sequelize sync({ force: true }): every table is dropped and recreated at start',
    example: "import { Sequelize } from 'sequelize'; await sequelize.sync({ force: true });",
    source: 'https://sequelize.org/docs/v6/core-concepts/model-basics/#model-synchronization',
  },
  {
    packages: ['sequelize', 'sequelize-typescript'], property: 'alter', method: 'sync',
    what: 'Sequelize sync({ alter: true }): tables are altered to match the models at start',
    example: "import { Sequelize } from 'sequelize'; await sequelize.sync({ alter: true });",
    source: 'https://sequelize.org/docs/v6/core-concepts/model-basics/#synchronization-in-production',
  },
];
