// The default configuration: what a service runs with when nobody set anything. A security control
// mounted only under a condition on the environment (`if (config.env === 'production')`,
// `if (process.env.ENABLE_RATE_LIMIT)`) is judged by what the condition gives here: every environment
// variable unset, and the app's environment name, read from its config, the development default the
// frameworks and boilerplates use.

/** Property or variable names that hold the app's environment name (`config.env`, `env.NODE_ENV`, `appEnv`). */
export const ENV_NAME_FIELDS: ReadonlyArray<{ word: string; example: string; source: string }> = [
  { word: 'env', example: 'config.env', source: 'config modules of Express boilerplates (`env: envVars.NODE_ENV`)' },
  { word: 'nodeEnv', example: 'config.nodeEnv', source: 'camel-case config of NODE_ENV' },
  { word: 'NODE_ENV', example: 'env.NODE_ENV', source: 'validated env objects (envalid, zod) keep the variable name' },
  { word: 'environment', example: 'config.environment', source: 'config modules' },
  { word: 'appEnv', example: 'config.appEnv', source: 'APP_ENV in Laravel-style configs' },
  { word: 'APP_ENV', example: 'env.APP_ENV', source: 'APP_ENV kept as the variable name' },
];

/** The environment name an app's config holds when NODE_ENV is not set (Express: `app.get('env')` is 'development'). */
export const DEFAULT_ENV_NAME = 'development';
