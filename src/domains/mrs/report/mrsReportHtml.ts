import type { Spectrum } from '../../../core';
import type { MrsQuantifyResult } from '../fitting/quantifyMrs';
import { escapeHtml } from './escapeHtml';
import type { MrsQualityMetrics } from './qualityMetrics';
import { alignmentFigure, componentFigure, concentrationFigure, fitFigure } from './reportPlots';
import { acquisitionTable, concentrationTable, fixed, qualityTable } from './reportTables';

/** What the one-page report shows. */
export interface MrsReportInput {
  readonly result: MrsQuantifyResult;
  readonly metrics: MrsQualityMetrics;
  /** The FID that was quantified (after preprocessing): its file and acquisition meta. */
  readonly metabolite: Spectrum;
  readonly water?: Spectrum;
  readonly basisFiles?: readonly string[];
  /** The steps that ran, in order (pipeline step ids, then referencing and the fit). */
  readonly pipeline: readonly string[];
  /** TE/TR the user gave (s), shown instead of the file's. */
  readonly echoTimeS?: number;
  readonly repetitionTimeS?: number;
  readonly software: { readonly name: string; readonly version: string };
  /** When the report was made (ISO 8601; passed in so that the page is reproducible). */
  readonly date: string;
}

/** Height of the printable part of an A4 page with 8 mm margins, CSS px (281 mm at 96 dpi). */
const A4_CONTENT_PX = 1062;

/**
 * Zoom for print that keeps the report on one A4 page: the page height estimated from what it
 * holds (CSS px at the 733 px print width; measured against Chromium's layout of real reports,
 * within 3 % on three reports, see the README), and the factor that brings it under 97 % of
 * {@link A4_CONTENT_PX}, rounded down to 0.01. Print CSS draws the SVGs at their own size (not
 * stretched to the column), so the zoom shrinks figures and text alike.
 */
function printZoom(content: {
  tableRows: number;
  componentHeight: number;
  bars: number;
  sideRows: number;
  alignment: boolean;
  noteLines: number;
}): number {
  const line = 11.5;
  const grid1 = Math.max(content.componentHeight + 14, content.tableRows * line + 26);
  const grid2 = Math.max(content.bars * 9 + 30, content.sideRows * line + 60);
  const height =
    30 + 18 + 180 + 14 + 18 + grid1 + 18 + grid2 + (content.alignment ? 130 : 0) + 30 + content.noteLines * 10 + 12;
  return Math.min(1, Math.floor((97 * A4_CONTENT_PX) / height) / 100);
}

/** Print layout: one A4 page (PDF through the browser's print), 7.5 pt type, two columns. */
const STYLE = `
*{box-sizing:border-box}
body{font:11px/1.3 system-ui,sans-serif;color:#111;margin:0 auto;max-width:210mm;padding:6mm}
h1{font-size:15px;margin:0}
h2{font-size:11px;margin:4px 0 2px;border-bottom:1px solid #ccc}
header{display:flex;justify-content:space-between;align-items:baseline;gap:8px}
header p{margin:0;color:#444}
p{margin:1px 0}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 5mm}
svg{display:block;width:100%;height:auto}
table{border-collapse:collapse;width:100%}
th,td{padding:0 3px;text-align:right;white-space:nowrap}
th{font-weight:600}
.conc th:first-child,.conc td.name,.qa th,.acq th,.acq td{text-align:left}
.qa td:nth-child(2),.acq td{white-space:normal;overflow-wrap:anywhere}
.conc tr.sum td{border-top:1px solid #ddd;font-weight:600}
.conc tr.flag td{color:#8a5a00}
.conc td.mark{text-align:left;width:1em}
.v-good{color:#17703a}.v-acceptable{color:#8a5a00}.v-poor{color:#b3261e}.v-not-assessed{color:#777}
ol,ul{margin:0;padding-left:16px}
.notes{font-size:9px;color:#333}
footer{font-size:9px;color:#555;margin-top:3px}
@page{size:A4 portrait;margin:8mm}
@media print{
  body{font-size:7.5pt;line-height:1.15;padding:0;max-width:none}
  h1{font-size:11pt}h2{font-size:8pt;margin:2mm 0 0.5mm}
  .notes,footer{font-size:6.5pt}
  section,figure,table{break-inside:avoid}
  svg{width:auto;max-width:100%}
}
`;

/**
 * A self-contained one-page HTML report of an MRS quantification: header (file, date, software),
 * the fit figure (data, fit, baseline, residual on a reversed ppm axis), the component stack, the
 * concentration table with CRLBs and its bar chart with error bars, QA metrics with rule-of-thumb
 * verdicts, acquisition, the preprocessing that ran, per-transient alignment when recorded, and
 * every note. Pure string building: inline CSS and SVG only, no script, no external resource
 * (fonts, images, links), so it opens from disk and passes a CSP that allows nothing off-origin;
 * every text from a file (names, file names, notes) is escaped. `@media print` fits it to one A4 page.
 */
export function mrsReportHtml(input: MrsReportInput): string {
  const { result, metrics } = input;
  const { fit, quantification } = result;
  const groups = new Map(fit.names.map((name, k) => [name, fit.componentGroups[k] as string]));
  const notes = [...new Set([...result.notes, ...metrics.notes])];
  const zero = fit.names.filter((_, k) => !((fit.amplitudes[k] as number) > 0));
  const alignment = metrics.alignment;
  const pipeline = input.pipeline.length === 0 ? ['(none)'] : input.pipeline;
  const componentHeight = Math.max(320, (fit.names.length - zero.length) * 10 + 40);
  const title = `MRS quantification: ${escapeHtml(input.metabolite.file.split(/[\\/]/).pop() ?? input.metabolite.file)}`;
  const body = [
    `<header><h1>${title}</h1><p>${escapeHtml(input.date)} · ${escapeHtml(input.software.name)} ${escapeHtml(input.software.version)}</p></header>`,
    '<section><h2>Spectrum, fit, baseline and residual</h2>',
    fitFigure(fit, 730, 180),
    `<p class="notes">Phase-corrected real part over the fit range; phase ${fixed(fit.phase0Deg, 1)}° + ${fixed(fit.phase1DegPerPpm, 1)}°/ppm about ${fixed(fit.phasePivotPpm, 2)} ppm; referencing shift ${fixed(result.referenceShiftHz, 2)} Hz.</p></section>`,
    '<div class="grid"><section><h2>Components</h2>',
    componentFigure(fit, 360, componentHeight),
    zero.length === 0 ? '' : `<p class="notes">Not fitted (amplitude 0): ${zero.map(escapeHtml).join(', ')}.</p>`,
    '</section><section><h2>Concentrations</h2>',
    concentrationTable(quantification, metrics),
    '<p class="notes">† CRLB over 20 %, ‡ over 50 %, * not estimable: flagged for information, not for rejection (Kreis, Magn Reson Med 2016;75:15).</p>',
    '</section></div>',
    '<div class="grid"><section><h2>Concentration chart</h2>',
    concentrationFigure(quantification, groups, 360),
    '</section><section><h2>Quality</h2>',
    qualityTable(metrics),
    '<p class="notes">S/N (LCModel): max(data − baseline) / 2·RMS residual. NAA SNR: NAA peak height / noise SD. Residual water: magnitude peak at 4.4–4.9 ppm / NAA peak. Fit quality: RMS residual / noise SD (1 = only noise left).</p>',
    '<h2>Acquisition</h2>',
    acquisitionTable(input.metabolite, input.water, input.basisFiles ?? [], {
      ...(input.echoTimeS === undefined ? {} : { echoTimeS: input.echoTimeS }),
      ...(input.repetitionTimeS === undefined ? {} : { repetitionTimeS: input.repetitionTimeS }),
    }),
    `<h2>Processing</h2><p>${pipeline.map(escapeHtml).join(' → ')}</p>`,
    '</section></div>',
    alignment !== undefined && alignment.positions.length > 0
      ? `<section><h2>Transient alignment (corrections applied)</h2><div class="grid">${alignmentFigure(alignment, 730, 110)}</div></section>`
      : '',
    `<section class="notes"><h2>Notes</h2><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`,
    `<footer>Fit: ${escapeHtml(input.software.name)} ${escapeHtml(input.software.version)} linear combination (Voigt groups, spline baseline, Cramér–Rao bounds). Thresholds are rules of thumb, not pass/fail criteria.</footer>`,
  ];
  const zoom = printZoom({
    tableRows: quantification.metabolites.length + 3,
    componentHeight,
    bars: quantification.metabolites.filter((m) => groups.get(m.name) !== 'macromolecules').length,
    sideRows:
      11 +
      (metrics.alignment === undefined ? 0 : 1) +
      Math.ceil(input.pipeline.join(' → ').length / 60) +
      [input.metabolite.file, input.water?.file ?? '', (input.basisFiles ?? []).join(', ')].reduce(
        (sum, text) => sum + Math.ceil(text.length / 45),
        0,
      ),
    alignment: alignment !== undefined && alignment.positions.length > 0,
    noteLines: notes.reduce((sum, n) => sum + Math.ceil((n.length + 4) / 170), 0),
  });
  const style = `${STYLE}@media print{body{zoom:${zoom}}}`;
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${style}</style></head><body>${body.join('\n')}</body></html>\n`;
}
