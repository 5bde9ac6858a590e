import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { programmeReport, sampleReport } from './sample.js';

const NBSP = '\u00a0';

describe('renderMarkdown', () => {
  it('opens with the title and the scope, in French', () => {
    const lines = renderMarkdown(sampleReport()).split('\n');
    expect(lines.slice(0, 10)).toEqual([
      '# Rapport d’impact',
      '',
      '## Périmètre',
      '',
      `- **Espace de travail**${NBSP}: Atelier \\| \\*pilote\\*`,
      `- **Entité déclarante**${NBSP}: \`BDT\``,
      `- **Période**${NBSP}: du 01/01/2024 au 30/06/2025`,
      `- **Ventilation**${NBSP}: \`territory:departement\`, \`period:year\``,
      `- **Produit par**${NBSP}: impactkit 1.0.0`,
      '',
    ]);
  });

  it('gives one key figure per indicator: the grand total with its unit, attributable share, or the error', () => {
    const text = renderMarkdown(sampleReport());
    const start = text.indexOf('## Chiffres clés');
    expect(text.slice(start, text.indexOf('## Cibles'))).toBe(
      [
        '## Chiffres clés',
        '',
        `- **Personnes**${NBSP}: 1${NBSP}234 personnes`,
        `- **Euros investis**${NBSP}: 1${NBSP}234,50${NBSP}€ (attribuable à BDT${NBSP}: 617,25${NBSP}€)`,
        `- **Taux**${NBSP}: 43,8${NBSP}%`,
        `- **Greffon**${NBSP}: erreur — =HYPERLINK("http://x")`,
        '',
        '',
      ].join('\n'),
    );
  });

  it('lists targets with ✅ or ❌', () => {
    const text = renderMarkdown(sampleReport());
    expect(text).toContain(
      [
        '## Cibles',
        '',
        '| Indicateur | Territoire | Période | Cible | Réel | Statut |',
        '| :--- | :--- | :--- | ---: | ---: | :--- |',
        `| Personnes |  | 2024 | ≥ 1${NBSP}000 personnes | 1${NBSP}230 personnes | ✅ atteinte |`,
        `| Taux | dep:93 Seine-Saint-Denis | 2025 | ≥ 50,0${NBSP}% | – | ❌ sans donnée |`,
        '',
      ].join('\n'),
    );
  });

  it('draws one table per indicator: the breakdown as rows, periods as columns, the range as "Total" last', () => {
    const text = renderMarkdown(sampleReport());
    expect(text).toContain(
      [
        '### Personnes',
        '',
        '`people` · personnes · distinct',
        '',
        '_Personnes accompagnées._',
        '',
        '| Territoire | 2024 | 2025 | Total |',
        '| :--- | ---: | ---: | ---: |',
        `| France | 1${NBSP}230 | 4 | 1${NBSP}234 |`,
        // Suppressed: `< k` with k = privacy.min_count; a cell the engine did not give stays empty.
        `| dep:93 Seine-Saint-Denis | 1${NBSP}230 | \\< 5 |  |`,
        '',
      ].join('\n'),
    );
    expect(text).toContain(`| dep:93 Seine-Saint-Denis | -250${NBSP}€ |  |`);
    expect(text).toContain('| dep:93 Seine-Saint-Denis | – |  |');
    expect(text).toContain(
      `### Greffon\n\n\`broken\` · flux\n\n_Un greffon en échec._\n\n> **erreur**${NBSP}: =HYPERLINK("http://x")\n`,
    );
  });

  it('ends with data quality and the inputs with their sha256', () => {
    const text = renderMarkdown(sampleReport());
    expect(
      text.endsWith(
        [
          '## Qualité des données',
          '',
          `- **Lignes lues**${NBSP}: 1${NBSP}500`,
          `- **Lignes rejetées**${NBSP}: 1`,
          `- **Avertissements**${NBSP}: 2`,
          '',
          '## Fichiers lus',
          '',
          '| Jeu de données | Fichier | Lignes lues | Lignes rejetées | SHA-256 |',
          '| :--- | :--- | ---: | ---: | :--- |',
          `| \`sites\` | \`data/sites.csv\` | 3 | 1 | \`${'ab'.repeat(32)}\` |`,
          '',
        ].join('\n'),
      ),
    ).toBe(true);
  });

  it('speaks English with English numbers', () => {
    const text = renderMarkdown(sampleReport({ lang: 'en' }));
    expect(text.startsWith('# Impact report\n\n## Scope\n\n- **Workspace**: Atelier \\| \\*pilote\\*\n')).toBe(true);
    expect(text).toContain('- **Range**: from 2024-01-01 to 2025-06-30\n');
    expect(text).toContain('- **Euros investis**: €1,234.50 (attributable to BDT: €617.25)\n');
    expect(text).toContain('| Personnes |  | 2024 | ≥ 1,000 personnes | 1,230 personnes | ✅ met |\n');
    expect(text).toContain('| Taux | dep:93 Seine-Saint-Denis | 2025 | ≥ 50.0% | – | ❌ no data |\n');
    expect(text).toContain('| Territory | 2024 | 2025 | Total |\n');
  });

  it('escapes what comes from the data so that it cannot break a table or become markup', () => {
    const text = renderMarkdown(programmeReport());
    expect(text).toContain(
      [
        '| Programme | 2024 | Total |',
        '| :--- | ---: | ---: |',
        `| Total |  | 300${NBSP}€ |`,
        `| =1+2 | 100${NBSP}€ |  |`,
        `| -Mobilité | -50${NBSP}€ |  |`,
        `| A\\|B \\*gras\\* | 250${NBSP}€ |  |`,
      ].join('\n'),
    );
  });

  it('ends with exactly one newline and no trailing spaces on a line', () => {
    const text = renderMarkdown(sampleReport());
    expect(text.endsWith('|\n')).toBe(true);
    expect(text).not.toMatch(/[ \t]\n/);
  });
});

describe('escapeMarkdown', () => {
  it('makes inline syntax literal and keeps one line', () => {
    expect(escapeMarkdown('a|b *c* _d_ [e](f) <g> `h` ~i~ #j $k$ &amp; \\ 3.5\r\nnext')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> \\`h\\` \\~i\\~ \\#j \\$k\\$ \\&amp; \\\\ 3.5 next',
    );
  });
});
