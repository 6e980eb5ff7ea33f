// Environment validators whose options can turn validation off, and where their schemas sit. A
// validator that is skipped when some variable is set validates nothing in the environments that set
// it; a secret whose schema is optional outside production lets staging and preview deploys start
// with no secret (libraries then fall back to a default or to none).

export interface EnvValidator {
  package: string;
  export: string;
  /** The option that turns validation off when truthy. */
  skipOption: string;
  /** The options holding variable schemas (name -> schema). */
  schemaOptions: readonly string[];
  /** The schema method that makes a variable optional. */
  optionalMethods: readonly string[];
  example: string;
  source: string;
}

const T3_SOURCE = 'https://env.t3.gg/docs/customization#skipping-validation';

export const ENV_VALIDATORS: readonly EnvValidator[] = [
  {
    package: '@t3-oss/env-core', export: 'createEnv', skipOption: 'skipValidation', schemaOptions: ['server', 'client', 'shared'], optionalMethods: ['optional', 'nullish'],
    example: "import { createEnv } from '@t3-oss/env-core'; export const env = createEnv({ server: { API_SECRET: z.string() }, runtimeEnv: process.env, skipValidation: !!process.env.CI });",
    source: T3_SOURCE,
  },
  {
    package: '@t3-oss/env-nextjs', export: 'createEnv', skipOption: 'skipValidation', schemaOptions: ['server', 'client', 'shared'], optionalMethods: ['optional', 'nullish'],
    example: "import { createEnv } from '@t3-oss/env-nextjs'; export const env = createEnv({ server: { API_SECRET: z.string() }, experimental__runtimeEnv: {}, skipValidation: !!process.env.SKIP_ENV_VALIDATION });",
    source: T3_SOURCE,
  },
];

/** The validator `module`'s `imported` export is, or null. */
export function envValidatorOf(module: string, imported: string): EnvValidator | null {
  return ENV_VALIDATORS.find((v) => v.package === module && v.export === imported) ?? null;
}
