import type { Spectrum } from '../../../core';
import type { Quantification } from '../fitting/quantifyLcm';
import { escapeHtml } from './escapeHtml';
import type { MrsQualityMetrics } from './qualityMetrics';

/** A number with `digits` decimals, or an en dash when it is not finite. */
export const fixed = (value: number | undefined, digits: number): string =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '–';

/** A number with `digits` significant digits (exponent form only for very large or small values). */
export const significant = (value: number | undefined, digits: number): string => {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  return abs !== 0 && (abs >= 1e6 || abs < 1e-3) ? value.toExponential(digits - 1) : value.toPrecision(digits);
};

const cell = (text: string, cls?: string) => `<td${cls === undefined ? '' : ` class="${cls}"`}>${text}</td>`;

/**
 * The concentration table: one row per metabolite and combination (escaped names), mM ± SD when
 * water-referenced, ratio to tCr, CRLB (%SD) with its flag (‡ over 50 %, † over 20 %, * not
 * estimable), all numbers rounded for reading.
 */
export function concentrationTable(quantification: Quantification, metrics: MrsQualityMetrics): string {
  const molar = quantification.metabolites.some((m) => m.concentrationMM !== undefined);
  const flags = new Map(metrics.crlb.map((c) => [c.name, c.flag]));
  const mark = { ok: '', 'over 20 %': '†', 'over 50 %': '‡', 'not estimable': '*' } as const;
  const head = `<tr><th>metabolite</th>${molar ? '<th>mM</th><th>± SD</th>' : ''}<th>/${escapeHtml(quantification.ratioReference)}</th><th>CRLB %</th><th></th></tr>`;
  const rows = quantification.metabolites.map((m) => {
    const flag = flags.get(m.name) ?? 'ok';
    const combined = m.parts.length > 1;
    const crlb = flag === 'not estimable' ? '–' : fixed(m.crlbPercent, 0);
    return (
      `<tr class="${flag === 'ok' ? '' : 'flag'}${combined ? ' sum' : ''}">` +
      cell(escapeHtml(m.name), 'name') +
      (molar ? cell(fixed(m.concentrationMM, 2)) + cell(fixed(m.concentrationSdMM, 2)) : '') +
      cell(fixed(m.ratioToTCr, 3)) +
      cell(crlb) +
      cell(mark[flag], 'mark') +
      '</tr>'
    );
  });
  return `<table class="conc">${head}${rows.join('')}</table>`;
}

/** The QA table: S/N, linewidths, residual water, fit quality, alignment summary, verdicts. */
export function qualityTable(metrics: MrsQualityMetrics): string {
  const { snr, linewidth: lw, fit } = metrics;
  const verdict = (metric: string) => {
    const found = metrics.assessments.find((a) => a.metric === metric);
    return found === undefined ? '' : `<span class="v-${found.verdict.replace(' ', '-')}">${found.verdict}</span>`;
  };
  const rows: [string, string, string][] = [
    ['S/N (LCModel)', fixed(snr.lcmodel, 1), ''],
    ['NAA SNR', fixed(snr.naa, 1), verdict('NAA SNR')],
    [`${escapeHtml(lw.of)} FWHM`, `${fixed(lw.fwhmPpm, 3)} ppm (${fixed(lw.fwhmHz, 1)} Hz)`, verdict(`${lw.of} FWHM`)],
  ];
  if (lw.waterFwhmPpm !== undefined)
    rows.push([
      'water FWHM',
      `${fixed(lw.waterFwhmPpm, 3)} ppm (${fixed(lw.waterFwhmHz, 1)} Hz)`,
      verdict('water FWHM'),
    ]);
  if (metrics.residualWater !== undefined)
    rows.push([
      'residual water / NAA',
      `${fixed(metrics.residualWater.heightRatio, 2)} at ${fixed(metrics.residualWater.peakPpm, 2)} ppm`,
      '',
    ]);
  rows.push(
    ['fit quality', fixed(fit.quality, 2), ''],
    ['noise SD', `${significant(snr.noiseSd, 3)} (${escapeHtml(snr.noiseSource)})`, ''],
    ['optimiser', `${fit.converged ? 'converged' : 'not converged'}, ${fit.iterations} iterations`, ''],
  );
  const a = metrics.alignment;
  if (a !== undefined)
    rows.push([
      `alignment${a.window === undefined ? '' : ` (${escapeHtml(a.window)})`}`,
      `mean |Δf| ${fixed(a.meanAbsShiftHz, 2)} Hz, max ${fixed(a.maxAbsShiftHz, 2)} Hz, mean |Δφ| ${fixed(a.meanAbsPhaseDeg, 1)}°` +
        (a.rejectedPositions.length > 0 ? `; rejected ${a.rejectedPositions.join(', ')}` : ''),
      '',
    ]);
  return `<table class="qa">${rows.map(([k, v, w]) => `<tr><th>${k}</th><td>${v}</td><td>${w}</td></tr>`).join('')}</table>`;
}

/** Acquisition facts from the quantified spectrum's meta (escaped), with user-given TE/TR. */
export function acquisitionTable(
  metabolite: Spectrum,
  water: Spectrum | undefined,
  basisFiles: readonly string[],
  overrides: { readonly echoTimeS?: number; readonly repetitionTimeS?: number },
): string {
  const meta = metabolite.meta;
  const number = (key: string) => (typeof meta[key] === 'number' ? (meta[key] as number) : undefined);
  const te = overrides.echoTimeS ?? number('echoTimeS');
  const tr = overrides.repetitionTimeS ?? number('repetitionTimeS');
  const dwell = number('dwellTimeS');
  const rows: [string, string][] = [
    ['file', escapeHtml(metabolite.file)],
    ...(water === undefined ? [] : [['water reference', escapeHtml(water.file)] as [string, string]]),
    ...(basisFiles.length === 0 ? [] : [['basis', escapeHtml(basisFiles.join(', '))] as [string, string]]),
    ['spectrometer frequency', `${fixed(number('spectrometerFrequencyMHz'), 3)} MHz`],
    ['TE / TR', `${te === undefined ? '–' : fixed(te * 1000, 1)} / ${tr === undefined ? '–' : fixed(tr * 1000, 0)} ms`],
    [
      'points / dwell',
      `${metabolite.y.values.length} / ${dwell === undefined ? '–' : `${significant(dwell * 1e6, 4)} µs`} (${fixed(dwell === undefined ? undefined : 1 / dwell, 0)} Hz)`,
    ],
  ];
  const averages = number('averages');
  if (averages !== undefined) rows.push(['averages', `${averages}`]);
  return `<table class="acq">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;
}
