// `-f json`: CONTRACT §5, byte-identical for identical inputs (no clock unless SOURCE_DATE_EPOCH).
import type { Report } from './model.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
