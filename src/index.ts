// impactkit's public API: what plug-ins and scripts import as `impactkit`.

export type { Config } from './config/index.js';
export { findConfig, loadConfig } from './config/index.js';
export * from './define.js';
export { type ReportOptions, type ReportRun, runReport } from './pipeline.js';
export type { Report, ReportIndicator, ReportTarget, ReportValue } from './report/model.js';
