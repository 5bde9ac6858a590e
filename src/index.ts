// impactkit's public API: what plug-ins and scripts import as `impactkit`.

// The very zod the engine validates `params` with: a plug-in's `params: z.object(...)` needs no other
// install, and its schemas are instances of the same classes.
export { z } from 'zod';
export type { Config } from './config/index.js';
export { findConfig, loadConfig } from './config/index.js';
export * from './define.js';
export { type ReportOptions, type ReportRun, runReport } from './pipeline.js';
export type { Report, ReportIndicator, ReportTarget, ReportValue } from './report/model.js';
