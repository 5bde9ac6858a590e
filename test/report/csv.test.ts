import { describe, expect, it } from 'vitest';
import { plainNumber, renderCsv } from '../../src/report/csv.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { programmeReport, sampleReport } from './sample.js';

const HEADER =
  'indicator,indicator_title,territory,territory_name,period,period_start,period_end,margin,value,unit,numerator,denominator,attributable,suppressed,note,error,level,previous,change';

describe('renderCsv (rfc4180)', () => {
  it('writes one tidy row per value: codes and names, clipped period days, numbers as plain digits', () => {
    expect(renderCsv(sampleReport())).toBe(
      [
        HEADER,
        'people,Personnes,FR,France,2024-01-01/2025-06-30,2024-01-01,2025-06-30,territory period,1234,personnes,,,,false,,,margin,,',
        'people,Personnes,FR,France,2024,2024-01-01,2024-12-31,territory,1230,personnes,,,,false,,,margin,,',
        'people,Personnes,FR,France,2025,2025-01-01,2025-06-30,territory,4,personnes,,,,false,,,margin,,',
        'people,Personnes,dep:93,Seine-Saint-Denis,2024,2024-01-01,2024-12-31,,1230,personnes,,,,false,,,cell,,',
        'people,Personnes,dep:93,Seine-Saint-Denis,2025,2025-01-01,2025-06-30,,,personnes,,,,true,,,cell,,',
        'invested,Euros investis,FR,France,2024-01-01/2025-06-30,2024-01-01,2025-06-30,territory period,1234.5,€,,,617.25,false,,,margin,,',
        'invested,Euros investis,dep:93,Seine-Saint-Denis,2024,2024-01-01,2024-12-31,,-250,€,,,-125,false,,,cell,,',
        'rate,Taux,FR,France,2024-01-01/2025-06-30,2024-01-01,2025-06-30,territory period,0.4375,part,7,16,,false,,,margin,,',
        'rate,Taux,dep:93,Seine-Saint-Denis,2025,2025-01-01,2025-06-30,,,part,0,0,,false,n.d. : dénominateur nul,,cell,,',
        // The error reads like a formula: neutralised with a quote, then quoted because of its quotes.
        'broken,Greffon,FR,France,2024-01-01/2025-06-30,2024-01-01,2025-06-30,territory period,,,,,,false,,"\'=HYPERLINK(""http://x"")",margin,,',
        '',
      ].join('\n'),
    );
  });

  it('neutralises strings that start like a formula but keeps negative numbers as numbers', () => {
    const lines = renderCsv(programmeReport()).split('\n');
    expect(lines[0]).toBe(
      'indicator,indicator_title,programme,programme_name,period,period_start,period_end,margin,value,unit,numerator,denominator,attributable,suppressed,note,error,level,previous,change',
    );
    expect(lines[1]).toBe(
      'invested,Euros investis,total,Total,2024-01-01/2025-06-30,2024-01-01,2025-06-30,programme period,300,€,,,,false,,,margin,,',
    );
    expect(lines[2]).toBe("invested,Euros investis,'=1+2,'=1+2,2024,2024-01-01,2024-12-31,,100,€,,,,false,,,cell,,");
    expect(lines[3]).toBe(
      "invested,Euros investis,'-Mobilité,'-Mobilité,2024,2024-01-01,2024-12-31,,-50,€,,,,false,,,cell,,",
    );
    expect(lines[4]).toBe(
      'invested,Euros investis,A|B *gras*,A|B *gras*,2024,2024-01-01,2024-12-31,,250,€,,,,false,,,cell,,',
    );
  });

  it('names the dimensions in the report language', () => {
    const lines = renderCsv(sampleReport({ lang: 'en' })).split('\n');
    expect(lines[1]).toBe(
      'people,Personnes,FR,France,2024-01-01/2025-06-30,2024-01-01,2025-06-30,territory period,1234,personnes,,,,false,,,margin,,',
    );
    const programme = renderCsv({ ...programmeReport(), lang: 'en' }).split('\n');
    expect(programme[1]).toContain(',total,Total,');
  });

  it('writes only the header for a report without values, and ends with one LF', () => {
    const text = renderCsv(sampleReport({ values: [] }));
    expect(text).toBe(`${HEADER}\n`);
  });
});

describe('renderCsv (excel-fr)', () => {
  it('writes a BOM, semicolons, decimal commas and CRLF', () => {
    const text = renderCsv(sampleReport(), { dialect: 'excel-fr' });
    expect(text.startsWith('\uFEFFindicator;indicator_title;territory;territory_name;period;')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(12); // header, 10 values, and the empty string after the last CRLF
    expect(lines[4]).toBe(
      'people;Personnes;dep:93;Seine-Saint-Denis;2024;2024-01-01;2024-12-31;;1230;personnes;;;;FAUX;;;cell;;',
    );
    expect(lines[6]).toBe(
      'invested;Euros investis;FR;France;2024-01-01/2025-06-30;2024-01-01;2025-06-30;territory period;1234,5;€;;;617,25;FAUX;;;margin;;',
    );
    expect(lines[7]).toBe(
      'invested;Euros investis;dep:93;Seine-Saint-Denis;2024;2024-01-01;2024-12-31;;-250;€;;;-125;FAUX;;;cell;;',
    );
    expect(lines[8]).toBe(
      'rate;Taux;FR;France;2024-01-01/2025-06-30;2024-01-01;2025-06-30;territory period;0,4375;part;7;16;;FAUX;;;margin;;',
    );
    expect(lines[11]).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('quotes a text holding a semicolon, not one holding a comma', () => {
    const report = programmeReport();
    report.values[1]!.programme = 'Nord; Pas-de-Calais, Somme';
    const line = renderCsv(report, { dialect: 'excel-fr' }).split('\r\n')[2];
    expect(line).toBe(
      'invested;Euros investis;"Nord; Pas-de-Calais, Somme";"Nord; Pas-de-Calais, Somme";2024;2024-01-01;2024-12-31;;100;€;;;;FAUX;;;cell;;',
    );
  });
});

describe('plainNumber', () => {
  it('never writes an exponent, and reads back to the same number', () => {
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(-1.2345e-9)).toBe('-0.0000000012345');
    expect(plainNumber(1.5e22)).toBe('15000000000000000000000');
    expect(plainNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(plainNumber(-3.25, ',')).toBe('-3,25');
    for (const n of [1e-7, -1.2345e-9, 1e21, 1.5e22, 0.1 + 0.2, 123456.789]) expect(Number(plainNumber(n))).toBe(n);
  });
});

describe('margins and unknown values in formats people read', () => {
  // By organisation: a real organisation called `total`, one left empty (null), and the margin.
  const report = () => {
    const base = programmeReport();
    return {
      ...base,
      lang: 'fr' as const,
      breakdown: ['organisation'],
      dimensions: ['organisation', 'period'],
      values: [
        { indicator: 'invested', organisation: 'total', period: '2024-01-01/2025-06-30', margin: ['period'], value: 7 },
        { indicator: 'invested', organisation: null, period: '2024-01-01/2025-06-30', margin: ['period'], value: 2 },
        {
          indicator: 'invested',
          organisation: 'total',
          period: '2024-01-01/2025-06-30',
          margin: ['organisation', 'period'],
          value: 9,
        },
      ],
    };
  };

  it('writes the margin column, an empty code and `inconnu` for an unknown value', () => {
    const lines = renderCsv(report()).split('\n');
    expect(lines[1]).toBe(
      'invested,Euros investis,total,total,2024-01-01/2025-06-30,2024-01-01,2025-06-30,period,7,€,,,,false,,,margin,,',
    );
    expect(lines[2]).toBe(
      'invested,Euros investis,,inconnu,2024-01-01/2025-06-30,2024-01-01,2025-06-30,period,2,€,,,,false,,,margin,,',
    );
    expect(lines[3]).toBe(
      'invested,Euros investis,total,Total,2024-01-01/2025-06-30,2024-01-01,2025-06-30,organisation period,9,€,,,,false,,,margin,,',
    );
  });

  it('gives the organisation `total` its own line in Markdown, apart from the Total line', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('| total | 7\u00a0€ |');
    expect(md).toContain('| inconnu | 2\u00a0€ |');
    expect(md).toContain('| Total | 9\u00a0€ |');
  });
});
