// Every sentence the CLI prints to people, in English and French, in one place.
import type { Lang } from '../problems.js';

const messages = {
  workspace: { en: 'Workspace', fr: 'Espace de travail' },
  dataset: { en: 'dataset', fr: 'jeu de données' },
  files: { en: 'files', fr: 'fichiers' },
  rows: { en: 'rows', fr: 'lignes' },
  used: { en: 'used', fr: 'utilisées' },
  rejected: { en: 'rejected', fr: 'rejetées' },
  more: { en: 'more', fr: 'de plus' },
  valid: { en: 'valid', fr: 'valide' },
  invalid: { en: 'rows rejected', fr: 'lignes rejetées' },
  warning: { en: 'warning', fr: 'avertissement' },
  warnings: { en: 'warnings', fr: 'avertissements' },
  rejectsIn: { en: 'rejected rows and reasons:', fr: 'lignes rejetées et motifs :' },
  reading: { en: 'Reading', fr: 'Lecture' },
  configInvalid: { en: 'the config is invalid', fr: 'la configuration est invalide' },
  created: { en: 'Created workspace', fr: 'Espace de travail créé' },
  nextSteps: { en: 'Next:', fr: 'Ensuite :' },
} as const;

export type MessageKey = keyof typeof messages;

export function t(lang: Lang, key: MessageKey): string {
  return messages[key][lang];
}
