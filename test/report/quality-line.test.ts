// The table's data-quality line counts in each language's grammar: French takes the singular for 0 and 1
// ("0 rejetée, 0 avertissement"), English "0 rejected, 0 warnings". The workspace: 2 organisations and 4 investments, 6 rows, all used.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runReport } from '../../src/pipeline.js';
import { renderTable } from '../../src/report/table.js';
import { tempDir } from '../helpers/cli.js';

async function tableOf(lang: 'en' | 'fr'): Promise<string> {
  const root = tempDir('impact-quality-');
  mkdirSync(join(root, 'data'));
  writeFileSync(
    join(root, 'impact.yaml'),
    `version: 1\nname: Qualité\nlocale: ${lang}\nrange: { from: 2023-01-01, to: 2023-12-31 }\nindicators: [finance.invested]\ndatasets:\n  organisations: data/organisations.yaml\n  investments: data/investments.csv\n`,
  );
  writeFileSync(
    join(root, 'data', 'organisations.yaml'),
    'E: { name: Investisseur, kind: investor }\nX: { name: Entreprise X, kind: enterprise, territory: "93066" }\n',
  );
  writeFileSync(
    join(root, 'data', 'investments.csv'),
    'investment_id,investor_id,investee_id,amount_eur,date,instrument\nI1,E,X,1,2023-03-01,equity\nI2,E,X,2,2023-04-01,equity\nI3,E,X,3,2023-05-01,equity\nI4,E,X,4,2023-06-01,equity\n',
  );
  const { report } = await runReport(loadConfig(join(root, 'impact.yaml')), { version: '1.0.0', writeRejects: false });
  return renderTable(report, { width: 200 });
}

describe('the data-quality line', () => {
  it('says 0 rejetée and 0 avertissement in French', async () => {
    expect(await tableOf('fr')).toContain('Qualité des données\u00a0: 6 lignes, 0 rejetée, 0 avertissement');
  });
  it('says 0 rejected and 0 warnings in English', async () => {
    expect(await tableOf('en')).toContain('Data quality: 6 rows, 0 rejected, 0 warnings');
  });
});
