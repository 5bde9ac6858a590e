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
  // The workspace boundary (src/workspace-paths.ts) and the outputs that must not replace an input.
  resolvesTo: { en: 'resolves to', fr: 'pointe vers' },
  outsideWorkspace: { en: 'outside the workspace', fr: 'hors de l’espace de travail' },
  allowWith: { en: 'allow it with', fr: 'autorisez-le avec' },
  orAllowPaths: { en: 'or allow_paths: in impact.yaml', fr: 'ou allow_paths: dans impact.yaml' },
  isAnInput: {
    en: 'is an input of the workspace, refusing to overwrite it',
    fr: 'est une entrée de l’espace de travail, refus de l’écraser',
  },
  writeElsewhere: { en: 'write it elsewhere, e.g. under reports/', fr: 'écrivez ailleurs, par exemple sous reports/' },
  useDataset: { en: 'data file', fr: 'fichier de données' },
  usePlugin: { en: 'plug-in', fr: 'module d’extension' },
  useStore: { en: 'store', fr: 'base locale' },
  useImport: { en: 'imported file', fr: 'fichier importé' },
  useOutput: { en: '-o', fr: '-o' },
  useErrorsOut: { en: '--errors-out', fr: '--errors-out' },
  useRejects: { en: 'rejects folder', fr: 'dossier des rejets' },
  useExport: { en: '-o', fr: '-o' },
  useTemp: { en: 'temp folder', fr: 'dossier temporaire' },
  useInit: { en: 'starter file', fr: 'fichier de départ' },
  isAFolder: {
    en: 'is a folder: give a file name, or end the path with / to write report.<format> into it',
    fr: 'est un dossier : donnez un nom de fichier, ou terminez le chemin par / pour y écrire report.<format>',
  },
  isAFile: {
    en: 'is a file: several formats need -o DIR/, a folder to write report.<format> into',
    fr: 'est un fichier : plusieurs formats demandent -o DOSSIER/, où écrire report.<format>',
  },
  // Faults of the file system, one line and exit 2: the user can act on them (src/cli/outputs.ts).
  EACCES: { en: 'permission denied', fr: 'permission refusée' },
  EPERM: { en: 'operation not permitted', fr: 'opération non permise' },
  EROFS: { en: 'read-only file system', fr: 'système de fichiers en lecture seule' },
  EISDIR: { en: 'is a folder, not a file', fr: 'est un dossier, pas un fichier' },
  ENOTDIR: {
    en: 'part of the path is a file, not a folder',
    fr: 'une partie du chemin est un fichier, pas un dossier',
  },
  EEXIST: { en: 'already exists', fr: 'existe déjà' },
  ENOSPC: { en: 'no space left on the device', fr: 'plus de place sur le disque' },
  ENOENT: { en: 'no such file or folder', fr: 'fichier ou dossier introuvable' },
  ELOOP: { en: 'too many symbolic links', fr: 'trop de liens symboliques' },
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
  pseudonymMissing: {
    en: 'missing value: row not pseudonymised',
    fr: 'valeur manquante\u00a0: ligne non pseudonymisée',
  },
  pseudonymNotDate: {
    en: 'not a date: row not pseudonymised; expected',
    fr: 'pas une date\u00a0: ligne non pseudonymisée\u00a0; attendu',
  },
  pseudonymRows: { en: 'rows pseudonymised', fr: 'lignes pseudonymisées' },
  pseudonymKeyHint: {
    en: 'make one with: openssl rand -hex 32 > network.key',
    fr: 'en créer une\u00a0: openssl rand -hex 32 > network.key',
  },
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
