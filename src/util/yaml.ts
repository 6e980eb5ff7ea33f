// The yaml package, loaded on first use: most audits read no YAML file, and loading it costs
// ~70 ms (72 CommonJS modules) on every run that imports it.
import { createRequire } from 'node:module';
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

type Yaml = typeof import('yaml');
let loaded: Yaml | null = null;

export function yaml(): Yaml {
  return (loaded ??= createRequire(import.meta.url)('yaml') as Yaml);
}

export const isMap = (n: unknown): n is YAMLMap => yaml().isMap(n);
export const isPair = (n: unknown): n is Pair => yaml().isPair(n);
export const isScalar = (n: unknown): n is Scalar => yaml().isScalar(n);
export const isSeq = (n: unknown): n is YAMLSeq => yaml().isSeq(n);
export type { Node as YamlNode, YAMLMap };
