// Control and bidi characters in a label are made visible (visible-text.ts) before the table measures
// its columns: `\u202e` shown as `\u{202e}` takes eight columns, and the boxes must still line up.
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/table.js';
import { visibleText } from '../../src/visible-text.js';
import { sampleReport } from './sample.js';

/** The lines of each box drawn by the table: from a top border to its bottom border. */
function boxes(text: string): string[][] {
  const found: string[][] = [];
  let box: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('┌')) box = [line];
    else if (box) {
      box.push(line);
      if (line.startsWith('└')) {
        found.push(box);
        box = undefined;
      }
    }
  }
  return found;
}

describe('the table format with control characters in its labels', () => {
  const base = sampleReport();
  const report = sampleReport({
    indicators: base.indicators.map((i) => (i.id === 'people' ? { ...i, title: 'Per\u202esonnes \x1b[2J' } : i)),
    values: base.values.map((v) => (v.territory === 'dep:93' ? { ...v, territory: 'dep:93\x07' } : v)),
  });

  for (const full of [false, true]) {
    it(`${full ? 'with --full' : 'the summary'}: every line of a box is as wide as its border, as the CLI prints it`, () => {
      // The CLI passes what people read through visibleText once more: it must find nothing left to change.
      const text = renderTable(report, { width: 80, full });
      expect(visibleText(text)).toBe(text);
      expect(text).toContain('Per\\u{202e}sonnes ␛[2J');
      const drawn = boxes(text);
      expect(drawn.length).toBeGreaterThan(full ? 1 : 0);
      for (const box of drawn) {
        const width = box[0]!.length;
        for (const line of box) expect(line.length, line).toBe(width);
      }
      if (full) expect(text).toContain('dep:93␇');
    });
  }
});
