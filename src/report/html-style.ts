// The HTML report's one stylesheet, inlined in the page: system fonts, a restrained palette, and
// print rules for A4 (no card, chart or table row cut across pages; colours kept where they mean something).
export const HTML_STYLE = `
:root {
  color-scheme: light;
  --ink: #1f2933;
  --muted: #52606d;
  --faint: #7b8794;
  --rule: #d9dee3;
  --soft: #f5f7fa;
  --accent: #2f5d8a;
  --met: #2f7d4f;
  --missed: #b42318;
  --no-data: #9aa5b1;
  --warned: #a15c07;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: #fff;
  color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1120px; margin: 0 auto; padding: 40px 28px 72px; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 30px; font-weight: 700; letter-spacing: -0.01em; }
h2 { font-size: 21px; font-weight: 650; margin-bottom: 6px; }
h3 { font-size: 16px; font-weight: 650; margin: 24px 0 8px; }
p { margin: 0; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
.muted { color: var(--faint); }
.eyebrow { color: var(--accent); font-size: 12px; font-weight: 650; letter-spacing: 0.08em; text-transform: uppercase; margin-bottom: 4px; }

header { padding-bottom: 20px; border-bottom: 2px solid var(--ink); }
.scope { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 16px 0 0; }
.scope dt { color: var(--faint); font-size: 12px; }
.scope dd { margin: 0; font-weight: 550; }

section { margin-top: 40px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin-top: 14px; }
.card {
  display: flex; flex-direction: column; gap: 4px;
  padding: 12px 14px; border: 1px solid var(--rule); border-radius: 8px;
  color: inherit; text-decoration: none; break-inside: avoid;
}
.card:hover { border-color: var(--accent); }
.card-title { color: var(--muted); font-size: 13px; line-height: 1.3; flex-grow: 1; }
.figure { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 6px; font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.2; }
.figure .unit { color: var(--muted); font-size: 13px; font-weight: 450; overflow-wrap: anywhere; }
.card.failed .figure { color: var(--missed); font-size: 18px; }
.attributable { color: var(--faint); font-size: 12px; line-height: 1.35; min-height: 2.7em; }
.card .change { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }

.indicator { padding-top: 28px; border-top: 1px solid var(--rule); }
.meta { display: flex; flex-wrap: wrap; gap: 4px 14px; color: var(--faint); font-size: 12px; }
.meta span:first-child { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.description { color: var(--muted); margin-top: 6px; max-width: 75ch; }
.error { color: var(--missed); margin-top: 12px; }
.caveat { color: var(--warned); margin-top: 6px; max-width: 75ch; font-size: 13px; }
.caveat::before { content: "⚠ "; }
.chart { margin: 18px 0 8px; break-inside: avoid; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }

.map-defs { position: absolute; width: 0; height: 0; overflow: hidden; }
.map-figure { margin: 16px 0 8px; max-width: 480px; break-inside: avoid; }
.map { display: block; width: 100%; height: auto; }
.map use { stroke: #fff; stroke-width: 0.6; stroke-linejoin: round; }
.map .zoom use { stroke-width: 0.15; }
.map .insets rect { fill: none; stroke: var(--rule); }
.map .insets text { font-size: 11px; fill: var(--muted); text-anchor: middle; }
.credits { margin-top: 32px; color: var(--faint); font-size: 12px; }
.map-legend { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 14px; padding: 0; margin: 6px 0 0; font-size: 12px; color: var(--muted); }
.swatch { display: inline-block; width: 14px; height: 10px; margin-right: 5px; vertical-align: -1px; border: 1px solid var(--rule); }
.swatch.hatched { background: repeating-linear-gradient(45deg, #9aa5b1 0 2px, #f5f7fa 2px 6px); }
.swatch.none { background: #e4e7eb; }
.map-off { color: var(--faint); font-size: 12px; margin-top: 4px; }

.values-fold { margin-top: 12px; }
.values-fold > summary { cursor: pointer; color: var(--accent); font-size: 13px; font-weight: 600; }
.appendix-of, .appendix-title, .zero-lines { display: none; }

.table-wrap { overflow-x: auto; margin-top: 12px; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid #eceff2; text-align: right; white-space: nowrap; vertical-align: top; }
thead th { color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--faint); }
th:first-child { text-align: left; white-space: normal; font-weight: 500; }
thead th:first-child { font-weight: 600; }
td.text, th.text, table.left th, table.left td { text-align: left; }
tr.margin th, tr.margin td { font-weight: 650; background: var(--soft); }
table.values { min-width: 60%; }
table.values th[scope="row"] { min-width: 220px; }
td.rejected, .tile.rejected .figure { color: var(--missed); }
.tile.warned .figure { color: var(--warned); }

.status { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; color: #fff; }
.status.met { background: var(--met); }
.status.missed { background: var(--missed); }
.status.no_data { background: var(--no-data); }
.progress { display: inline-block; width: 140px; height: 8px; margin-right: 8px; vertical-align: middle; background: #e4e7eb; border-radius: 4px; overflow: hidden; }
.progress > span { display: block; height: 100%; background: var(--accent); }
.progress > .met { background: var(--met); }
.progress > .missed { background: var(--missed); }
.progress-text { color: var(--muted); font-size: 12px; }

.tiles { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 14px; }
.tile { min-width: 160px; padding: 10px 14px; border: 1px solid var(--rule); border-radius: 8px; break-inside: avoid; }
.tile p:last-child { color: var(--muted); font-size: 13px; }

.provenance { border-top: 2px solid var(--ink); padding-top: 24px; }
.hash { word-break: break-all; white-space: normal; }
table.left td:has(.hash) { white-space: normal; }
table.definitions { width: 100%; }
.definitions td { white-space: normal; overflow-wrap: anywhere; }
.definitions th[scope="row"] { min-width: 280px; max-width: 400px; }
.definitions code { display: block; overflow-wrap: anywhere; }
.def-title { font-weight: 600; }
.def-description { display: block; color: var(--muted); font-size: 12px; margin-top: 2px; }
.tag { display: inline-block; padding: 0 6px; margin: 1px 0; border: 1px solid var(--rule); border-radius: 4px; font-size: 11px; color: var(--muted); white-space: nowrap; }

@page { size: A4; margin: 15mm; }
@media print {
  body { font-size: 9pt; }
  /* Key figures, targets, then each indicator's text, chart and map; every folded table after them,
     in an appendix of two columns, before the provenance. */
  main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 5mm; align-items: start; grid-auto-flow: row dense; }
  main > *, section.indicator > * { grid-column: 1 / -1; }
  section.indicator { display: contents; }
  /* An indicator's heading, chart and map stay on one page; the map sits beside the heading, the chart
     keeps the full width (narrower, its labels would print under 5 pt). */
  .indicator-body { margin-top: 14px; padding-top: 10px; border-top: 1px solid var(--rule); break-inside: avoid; }
  .indicator-body.with-map { display: grid; grid-template-columns: minmax(0, 1fr) 46mm; grid-template-areas: "head map" "chart chart"; column-gap: 6mm; }
  .with-map > .indicator-head { grid-area: head; }
  .with-map > .map-figure { grid-area: map; margin: 0; width: 46mm; min-width: 0; max-width: none; }
  .with-map > .chart { grid-area: chart; margin: 6px 0 0; }
  .appendix-title { display: block; order: 1; margin-top: 24px; break-after: avoid; }
  section.indicator > .values-fold { order: 1; grid-column: auto; break-inside: avoid; }
  section.indicator > .values-fold.wide { grid-column: 1 / -1; }
  .values-fold::details-content { content-visibility: visible; display: block; }
  .values-fold > summary { list-style: none; color: var(--ink); font-size: 10pt; margin-top: 10px; break-after: avoid; }
  .values-fold > summary::-webkit-details-marker { display: none; }
  .appendix-of { display: inline; }
  .provenance, .credits { order: 2; }
  /* A map the width of a column, and appendix tables that may break between rows, in smaller type. */
  .map-figure { max-width: 62mm; }
  .map-legend { font-size: 6.5pt; gap: 0 6px; line-height: 1.3; }
  .map-off { font-size: 6.5pt; }
  .values-fold table { break-inside: auto; }
  .values-fold table.values { font-size: 6.5pt; line-height: 1.25; }
  .values-fold th, .values-fold td { padding: 0 3px; }
  /* Lines with nothing but 0 and – are named under their table instead. */
  .values-fold tr.zero { display: none; }
  .zero-lines { display: block; color: var(--muted); font-size: 6.5pt; margin-top: 2px; }
  .provenance table { font-size: 7pt; line-height: 1.25; break-inside: auto; }
  .provenance code { font-size: 6.5pt; }
  .provenance code.hash { font-size: 5.5pt; white-space: nowrap; word-break: normal; }
  /* Printed under each indicator's heading already. */
  .def-description { display: none; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; }
  h2, h3 { break-after: avoid; }
  section { margin-top: 24px; }
  .card, .tile, .chart, tr { break-inside: avoid; }
  table { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  th, td { padding: 2px 5px; }
  table.values { font-size: 7.5pt; }
  table.values th[scope="row"] { min-width: 0; max-width: 150px; }
  .cards { grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px; }
  .card { padding: 8px 10px; }
  .card-title { font-size: 8pt; }
  .figure { font-size: 14pt; }
  .figure .unit, .attributable, .card .change { font-size: 7.5pt; }
  .card:hover { border-color: var(--rule); }
  .definitions th[scope="row"] { min-width: 0; max-width: none; }
  code { font-size: 7.5pt; }
  td.text { white-space: normal; }
  .progress { width: 48px; margin-right: 4px; }
  .progress-text { font-size: 7pt; }
  .tag { white-space: normal; }
  .map, .swatch, .status, .progress, .progress > span, tr.margin th, tr.margin td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
