// Writes schemas/*.schema.json from the zod schemas (npm run schemas); test/json-schema.test.ts fails
// when the committed files are not what this writes.
import { writeFileSync } from 'node:fs';
import { configJsonSchema, indicatorJsonSchema, SCHEMA_FILES, schemaText } from '../src/json-schema.js';

const dir = new URL('../schemas/', import.meta.url);
writeFileSync(new URL(SCHEMA_FILES.config, dir), schemaText(configJsonSchema()));
writeFileSync(new URL(SCHEMA_FILES.indicator, dir), schemaText(indicatorJsonSchema()));
