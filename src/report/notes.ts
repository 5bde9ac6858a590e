// A value's note (`zero denominator`) as people read it: the engine writes a stable code, every
// format for people shows the catalogue's wording.
import { isMessageId, type Lang, t } from '../messages.js';
import type { ReportIndicator, ReportNote } from './model.js';

export function noteText(note: string, lang: Lang): string {
  const id = `note.${note}`;
  return isMessageId(id) ? t(lang, id) : note;
}

/**
 * The report-wide notes: the euro rounding rule when the report shows euros (an indicator or a target
 * in euros), since a margin is computed from the rows' exact amounts and not from its rounded cells.
 */
export function reportNotes(shown: readonly Pick<ReportIndicator, 'format'>[], lang: Lang): ReportNote[] {
  if (!shown.some((indicator) => indicator.format === 'euros')) return [];
  return [{ code: 'euro-rounding', message: t(lang, 'reportNote.euro-rounding') }];
}
