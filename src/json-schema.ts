// JSON Schemas for editors (yaml-language-server, VS Code), generated from the zod schemas that
// validate impact.yaml and YAML indicator files, so completion and the loader never disagree.
import { z } from 'zod';
import { ratioIndicatorSchema, rowIndicatorSchema } from './catalogue/yaml-indicator.js';
import { rootObject } from './config/schema.js';

type JsonSchema = Record<string, unknown>;

/** Where the schemas ship in the package, and the file names `impact init` points at. */
export const SCHEMA_FILES = { config: 'impact.schema.json', indicator: 'indicator.schema.json' } as const;

const isPreprocess = (schema: z.core.$ZodType): boolean => {
  const def = schema._zod.def as { type: string; in?: z.core.$ZodType };
  return def.type === 'pipe' && def.in?._zod.def.type === 'transform';
};

// zod describes a preprocessed field by its output; the shorthands the loader accepts are added back:
// a lone string for a list (`files: data/x.csv`, `breakdown: "a, b"`), a path or list for a dataset,
// a path for one file's entry.
function shorthands(ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  if (!isPreprocess(ctx.zodSchema)) return;
  const full = { ...ctx.jsonSchema };
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  const props = full.properties as Record<string, unknown> | undefined;
  const alternatives: JsonSchema[] =
    full.type === 'array'
      ? [{ type: 'string' }, full]
      : props?.files
        ? [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, full]
        : props?.path
          ? [{ type: 'string' }, full] // one file: a bare path for `{ path: … }`
          : full.enum
            ? [{ type: 'string', examples: full.enum }] // compared trimmed and lower-cased
            : [full];
  ctx.jsonSchema.anyOf = alternatives;
}

function generate(schema: z.core.$ZodType, title: string): JsonSchema {
  return {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', override: shorthands }),
    title,
  } as JsonSchema;
}

export function configJsonSchema(): JsonSchema {
  return generate(rootObject, 'impactkit workspace (impact.yaml)');
}

export function indicatorJsonSchema(): JsonSchema {
  // A file holds one indicator or a list of them.
  const one = z.union([rowIndicatorSchema, ratioIndicatorSchema]);
  return generate(z.union([one, z.array(one)]), 'impactkit YAML indicator');
}

/** The text of a schema file: stable key order, two-space indent, final newline. */
export const schemaText = (schema: JsonSchema): string => `${JSON.stringify(schema, null, 2)}\n`;
