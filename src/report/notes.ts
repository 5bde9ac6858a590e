// A value's note (`zero denominator`) as people read it: the engine writes a stable code, every
// format for people shows the catalogue's wording.
import { isMessageId, type Lang, t } from '../messages.js';
import type { ReportIndicator, ReportNote, ReportValue } from './model.js';

export function noteText(note: string, lang: Lang): string {
  const id = `note.${note}`;
  return isMessageId(id) ? t(lang, id) : note;
}

const placeWords = (placements: string[], lang: Lang): string =>
  placements.map((p) => (isMessageId(`place.${p}`) ? t(lang, `place.${p}` as 'place.site') : p)).join(' + ');

/** A ratio's note when its parts are placed by different geographies; undefined otherwise. */
export function geographyNote(indicator: ReportIndicator | undefined, lang: Lang): string | undefined {
  if (!indicator?.geography) return undefined;
  return t(lang, 'note.mixed-geography', {
    numerator: placeWords(indicator.geography.numerator, lang),
    denominator: placeWords(indicator.geography.denominator, lang),
  });
}

/**
 * A value's note as a reader of one row sees it: its own (`n/a: zero denominator`) first, else, for a
 * cell of a single territory, its ratio's geography note.
 */
export function rowNoteText(row: ReportValue, indicator: ReportIndicator | undefined, lang: Lang): string | undefined {
  if (row.note !== undefined) return noteText(row.note, lang);
  return row.territory !== undefined && !row.margin.includes('territory') ? geographyNote(indicator, lang) : undefined;
}

/**
 * The report-wide notes: the euro rounding rule when the report shows euros (an indicator or a target
 * in euros), since a margin is computed from the rows' exact amounts and not from its rounded cells.
 */
export function reportNotes(shown: readonly Pick<ReportIndicator, 'format'>[], lang: Lang): ReportNote[] {
  if (!shown.some((indicator) => indicator.format === 'euros')) return [];
  return [{ code: 'euro-rounding', message: t(lang, 'reportNote.euro-rounding') }];
}
