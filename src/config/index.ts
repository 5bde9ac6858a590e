// The config module's public surface: load and validate impact.yaml (CONTRACT §2).
export { parseBreakdown } from './breakdown.js';
export { CONFIG_NAME, findConfig, loadConfig, parseConfigText } from './load.js';
export {
  type BreakdownItem,
  type Config,
  ConfigError,
  type ConfigIssue,
  DATASET_NAMES,
  type DatasetName,
  type DatasetSpec,
  type DateFormat,
  type DimensionName,
  formatConfigIssue,
  type Target,
  type TargetOp,
} from './types.js';
