// Rejected rows, written with their reasons to .impact/rejects/<dataset>.csv so nothing is lost:
// the file carries the canonical columns, so a user can fix it and feed it back.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describeProblem, type Lang, type Problem } from '../problems.js';
import { checkInside, type WorkspaceBounds } from '../workspace-paths.js';
import { DATASET_ORDER, type DatasetName, SCHEMAS } from './datasets.js';

export class RejectsWriter {
  private readonly open = new Map<DatasetName, { fd: number; temp: string; final: string; count: number }>();
  constructor(
    private readonly folder: string,
    private readonly lang: Lang,
    /** `.impact/rejects` may be a symlink to elsewhere: checked before anything is written or removed. */
    bounds: WorkspaceBounds,
    /** `impact import` names its rejects after the imported file, beside the ones `validate` writes. */
    private readonly fileName: (dataset: DatasetName) => string = (dataset) => `${dataset}.csv`,
  ) {
    checkInside(bounds, folder, 'rejects');
  }

  write(dataset: DatasetName, file: string, line: number, cells: (string | undefined)[], problems: Problem[]): void {
    let target = this.open.get(dataset);
    if (!target) {
      mkdirSync(this.folder, { recursive: true });
      const final = path.join(this.folder, this.fileName(dataset));
      const temp = `${final}.tmp-${process.pid}`;
      target = { fd: openSync(temp, 'w'), temp, final, count: 0 };
      this.open.set(dataset, target);
      const header = ['_file', '_line', '_codes', '_reasons', ...SCHEMAS[dataset].columns.map((c) => c.name)];
      writeSync(target.fd, stringify([header]));
    }
    const codes = [...new Set(problems.map((p) => p.code))].join(' ');
    const reasons = problems
      .map((p) => `${p.column ? `${p.column}: ` : ''}${describeProblem(p, this.lang)}`)
      .join(' | ');
    writeSync(target.fd, stringify([[file, String(line), codes, reasons, ...cells.map((c) => c ?? '')]]));
    target.count++;
  }

  /** Closes every rejects file (renamed into place whole) and removes stale ones of clean datasets. */
  finish(datasets: readonly DatasetName[] = DATASET_ORDER): Record<string, string> {
    const written: Record<string, string> = {};
    for (const dataset of datasets) {
      const target = this.open.get(dataset);
      if (target) {
        closeSync(target.fd);
        renameSync(target.temp, target.final);
        written[dataset] = target.final;
      } else {
        rmSync(path.join(this.folder, this.fileName(dataset)), { force: true });
      }
    }
    this.open.clear();
    return written;
  }
}
