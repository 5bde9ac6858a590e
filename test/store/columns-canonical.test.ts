// `impact import` writes each row's key and canonical JSON straight from the columns; they must be the
// texts canonical.ts makes from the typed row (what the store compares and reads back), on every row of
// the example workspace and of the broken one (missing values, quotes, decimal commas, a store-typed row).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { canonicalJson, rowKey } from '../../src/data/canonical.js';
import { canonicalRows } from '../../src/data/columns-to-canonical.js';
import { rowView } from '../../src/data/columns-to-rows.js';
import { DATASET_ORDER, SCHEMAS } from '../../src/data/datasets.js';
import { loadWorkspaceColumns, ProblemCollector } from '../../src/data/workspace.js';

describe('canonicalRows', () => {
  for (const fixture of ['example', 'broken']) {
    it(`gives rowKey and canonicalJson of every row of fixtures/${fixture}`, async () => {
      const config = loadConfig(new URL(`../../fixtures/${fixture}/impact.yaml`, import.meta.url).pathname);
      const loaded = await loadWorkspaceColumns(config, { sink: new ProblemCollector(), writeRejects: false });
      let rows = 0;
      for (const dataset of DATASET_ORDER) {
        const table = loaded.tables[dataset];
        if (!table) continue;
        const schema = SCHEMAS[dataset];
        const canonical = canonicalRows(schema, table);
        const view = rowView(table);
        for (let i = 0; i < table.length; i++) {
          const row = view.at(i);
          expect(canonical.key(i)).toBe(rowKey(schema, row));
          expect(canonical.json(i)).toBe(canonicalJson(schema, row));
          rows++;
        }
      }
      expect(rows).toBeGreaterThan(fixture === 'example' ? 1000 : 10);
    });
  }
});
