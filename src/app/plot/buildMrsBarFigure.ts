import type { Quantification } from '../../domains/mrs/fitting/quantifyLcm';
import type { BarData, Layout } from './plotly';

export type MrsBarTrace = Partial<BarData> & { meta: { unit: 'mM' | 'ratio'; names: string[] } };

/**
 * Bar chart of an MRS quantification, pure: one bar per metabolite and per usual sum (tNAA, tCr,
 * tCho, Glx …; a different colour), macromolecule and lipid components left out. Water-referenced
 * concentrations (mM) when there are any, else ratios to total creatine; error bars are the CRLB
 * (the ratio's bar carries the metabolite's CRLB only, the reference's own uncertainty aside).
 */
export function buildMrsBarFigure(
  quantification: Quantification,
  macromolecules: ReadonlySet<string>,
): { data: MrsBarTrace[]; layout: Partial<Layout> } {
  const rows = quantification.metabolites.filter((m) => !m.parts.some((part) => macromolecules.has(part)));
  const inMM = rows.some((m) => m.concentrationMM !== undefined);
  const value = (m: Quantification['metabolites'][number]) => (inMM ? (m.concentrationMM ?? 0) : m.ratioToTCr);
  const sd = (m: Quantification['metabolites'][number]) => {
    if (inMM) return m.concentrationSdMM ?? 0;
    return m.amplitude > 0 && Number.isFinite(m.amplitudeSd) ? (m.ratioToTCr * m.amplitudeSd) / m.amplitude : 0;
  };
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  const names = rows.map((m) => m.name);
  const trace: MrsBarTrace = {
    type: 'bar',
    x: names,
    y: rows.map((m) => finite(value(m))),
    error_y: { type: 'data', array: rows.map((m) => finite(sd(m))), visible: true, color: '#333', thickness: 1 },
    marker: { color: rows.map((m) => (m.parts.length > 1 ? '#ff7f0e' : '#1f77b4')) },
    hovertemplate: '%{x}: %{y:.3g} ± %{error_y.array:.2g}<extra></extra>',
    meta: { unit: inMM ? 'mM' : 'ratio', names },
  };
  const layout: Partial<Layout> = {
    margin: { l: 56, r: 8, t: 8, b: 64 },
    showlegend: false,
    xaxis: { type: 'category', tickangle: -45 },
    yaxis: {
      title: { text: inMM ? 'concentration (mM) ± CRLB' : `ratio to ${quantification.ratioReference} ± CRLB` },
      rangemode: 'tozero',
    },
  };
  return { data: [trace], layout };
}
