// A ratio whose parts are placed by different rules (placement.ts, INDICATORS.md "Which row falls in
// which cell"): each part's placements, once each, in the order people, places, declared.
import { describe, expect, it } from 'vitest';
import type { DatasetName } from '../../src/data/datasets.js';
import type { CompiledIndicator } from '../../src/engine/compiled.js';
import { partsPlacedApart } from '../../src/engine/placement.js';

// Only what placement reads of an indicator: its id, kind, datasets and, for a ratio, its parts.
const rows = (id: string, ...datasets: DatasetName[]) =>
  ({ id, kind: 'flow', sources: datasets.map((dataset) => ({ dataset })) }) as unknown as CompiledIndicator;
const ratio = (numerator: string, denominator: string) =>
  ({ id: 'r.ratio', kind: 'ratio', sources: [], numerator, denominator }) as unknown as CompiledIndicator;

describe('partsPlacedApart', () => {
  const all = [
    rows('a.sites', 'sites'),
    rows('a.actions', 'actions'),
    rows('a.orgs', 'organisations'),
    rows('a.mixed', 'organisations', 'actions', 'sites', 'beneficiaries'),
    rows('a.people', 'beneficiaries'),
  ];

  it('names each part’s placements when they differ', () => {
    expect(partsPlacedApart(ratio('a.sites', 'a.actions'), all)).toEqual({
      numerator: ['site'],
      denominator: ['action'],
    });
    // beneficiaries (residence), sites, actions, organisations: in ORDER, whatever the datasets' order.
    expect(partsPlacedApart(ratio('a.mixed', 'a.orgs'), all)).toEqual({
      numerator: ['residence', 'site', 'action', 'organisation'],
      denominator: ['organisation'],
    });
  });

  it('says nothing when the parts are placed alike, or a part is unknown', () => {
    expect(partsPlacedApart(ratio('a.people', 'a.people'), all)).toBeUndefined();
    expect(partsPlacedApart(ratio('missing', 'a.sites'), all)).toBeUndefined();
    expect(partsPlacedApart(ratio('a.sites', 'missing'), all)).toBeUndefined();
  });
});
