/**
 * A record as parsed, before the cross-file checks: the knowledge and where each item came from.
 * Its own module so that the loader and the checks it runs (crossChecks.ts, koCoverage.ts) share
 * the types without importing each other.
 */
import type { Knowledge } from './schema.js';
import type { YamlFile } from './yamlFile.js';

/** Where each loaded item came from, so cross-file checks can point at a line. */
export interface Origin {
  file: YamlFile;
  path: (string | number)[];
}

export interface Parsed {
  knowledge: Knowledge;
  origins: Map<object, Origin>;
}
