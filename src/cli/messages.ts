// Every sentence the CLI prints to people, in English and French, in one place.
import type { Lang } from '../problems.js';

const messages = {
  workspace: { en: 'Workspace', fr: 'Espace de travail' },
  dataset: { en: 'dataset', fr: 'jeu de données' },
  files: { en: 'files', fr: 'fichiers' },
  rows: { en: 'rows', fr: 'lignes' },
  row: { en: 'row', fr: 'ligne' },
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
  importing: { en: 'Importing', fr: 'Import' },
  read: { en: 'read', fr: 'lues' },
  inserted: { en: 'inserted', fr: 'ajoutées' },
  updated: { en: 'updated', fr: 'mises à jour' },
  unchanged: { en: 'unchanged', fr: 'inchangées' },
  batch: { en: 'batch', fr: 'lot' },
  batches: { en: 'batches', fr: 'lots' },
  importedAs: { en: 'imported as batch', fr: 'importé dans le lot' },
  alreadyImported: {
    en: 'already imported with the same sha256, nothing to do: batch',
    fr: 'déjà importé avec le même sha256, rien à faire : lot',
  },
  alreadyInRun: {
    en: 'the same content as a file before it, nothing to do',
    fr: 'même contenu qu’un fichier précédent, rien à faire',
  },
  wouldImport: { en: 'dry run, nothing written', fr: 'essai à blanc, rien n’est écrit' },
  refused: { en: 'refused, nothing written', fr: 'refusé, rien n’est écrit' },
  everyRowRejected: { en: 'every row was rejected', fr: 'toutes les lignes ont été rejetées' },
  changedWhileRead: { en: 'the file changed while it was read', fr: 'le fichier a changé pendant sa lecture' },
  waitingForStore: {
    en: 'another import is writing to the store: waiting for it to finish…',
    fr: 'un autre import écrit dans la base locale : attente de sa fin…',
  },
  referencesRejected: {
    en: 'rows rejected in the datasets referred to; rows that refer to them are rejected too (see impact validate):',
    fr: 'lignes rejetées dans les jeux de données référencés ; les lignes qui s’y réfèrent le sont aussi (voir impact validate) :',
  },
  noStore: { en: 'No store yet', fr: 'Pas encore de base locale' },
  noStoreHint: {
    en: 'rows land there with: impact import DATASET FILE…',
    fr: 'les lignes y arrivent avec : impact import JEU FICHIER…',
  },
  store: { en: 'Store', fr: 'Base locale' },
  schemaVersion: { en: 'schema version', fr: 'version du schéma' },
  earlierBatches: { en: 'earlier batches (--json lists them all)', fr: 'lots antérieurs (--json les liste tous)' },
  file: { en: 'file', fr: 'fichier' },
  importedAt: { en: 'imported at', fr: 'importé le' },
  held: { en: 'held back', fr: 'retenues' },
  undone: { en: 'undone', fr: 'annulé' },
  status: { en: 'status', fr: 'état' },
  undoneBatch: { en: 'Undone: batch', fr: 'Annulé\u00a0: lot' },
  deleted: { en: 'rows it inserted removed', fr: 'lignes ajoutées retirées' },
  restored: { en: 'rows it updated restored', fr: 'lignes mises à jour rétablies' },
  noBatches: { en: 'No batch imported yet', fr: 'Aucun lot importé' },
  encoding: { en: 'encoding', fr: 'encodage' },
  delimiter: { en: 'delimiter', fr: 'séparateur' },
  sheet: { en: 'sheet', fr: 'feuille' },
  headerAtLine: { en: 'header at line', fr: 'en-tête en ligne' },
  configured: { en: 'configured', fr: 'configuré' },
  detected: { en: 'detected', fr: 'détecté' },
  missing: { en: 'missing', fr: 'manquant' },
  distinct: { en: 'distinct', fr: 'distincts' },
  topValues: { en: 'top values', fr: 'valeurs fréquentes' },
  type_number: { en: 'numbers', fr: 'nombres' },
  type_date: { en: 'dates', fr: 'dates' },
  type_text: { en: 'text', fr: 'texte' },
  type_empty: { en: 'empty', fr: 'vide' },
  perSite: { en: 'Rows per site', fr: 'Lignes par site' },
  perMonth: { en: 'Rows per month', fr: 'Lignes par mois' },
  indicatorsFailed: {
    en: 'selected indicator(s) failed: see the errors above',
    fr: 'indicateur(s) sélectionné(s) en échec\u00a0: voir les erreurs ci-dessus',
  },
  indicatorsHeading: { en: 'Indicators', fr: 'Indicateurs' },
  indicatorsOk: { en: 'indicators loaded', fr: 'indicateurs chargés' },
  indicatorsBroken: { en: 'indicator definition(s) failed', fr: 'définition(s) d’indicateur en échec' },
  selectionProblems: { en: 'selection problem(s)', fr: 'problème(s) de sélection' },
  neverNonZero: {
    en: 'can never be non-zero',
    fr: 'ne peut jamais être non nul',
  },
  readsFields: { en: 'reads', fr: 'lit' },
  onEmpty: { en: 'empty dataset', fr: 'jeu de données vide' },
  onExample: { en: 'example-shaped dataset', fr: 'jeu de données type exemple' },
} as const;

export type MessageKey = keyof typeof messages;

/** A report too large for a format: `least` when only its periods are known yet. */
export function reportTooLarge(
  lang: Lang,
  args: { format: string; values: number; limit: number; least: boolean },
): string {
  const n = (value: number) => value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
  return lang === 'fr'
    ? `le rapport compterait ${args.least ? 'au moins ' : ''}${n(args.values)} valeurs, au-delà de ce que -f ${args.format} accepte (${n(args.limit)})\u00a0: réduisez --by, la période ou --indicators${args.format === 'csv' || args.format === 'json' ? '' : ', ou choisissez -f csv ou json'}`
    : `the report would hold ${args.least ? 'at least ' : ''}${n(args.values)} values, more than -f ${args.format} takes (${n(args.limit)}): narrow --by, the period or --indicators${args.format === 'csv' || args.format === 'json' ? '' : ', or choose -f csv or json'}`;
}

export function t(lang: Lang, key: MessageKey): string {
  return messages[key][lang];
}
