// A value's note (`zero denominator`) as people read it: the engine writes a stable code, every
// format for people shows the catalogue's wording.
import { isMessageId, type Lang, t } from '../messages.js';

export function noteText(note: string, lang: Lang): string {
  const id = `note.${note}`;
  return isMessageId(id) ? t(lang, id) : note;
}
