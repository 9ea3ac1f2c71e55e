import { useMemo } from 'react';
import type { MrsQuantifyView } from '../../workers/mrsMethods';
import { buildMrsBarFigure } from '../plot/buildMrsBarFigure';
import { PlotlyFigure } from './PlotlyFigure';

const number = (v: number, digits = 3) => (Number.isFinite(v) ? v.toPrecision(digits) : '—');

/**
 * The concentration table of an MRS quantification (metabolite, amplitude, CRLB as %SD, ratio to
 * tCr, mM ± SD when water-referenced; the usual sums in bold, macromolecules and lipids in
 * italics) and the bar chart with CRLB error bars beside it.
 */
export function MrsConcentrationTable({ result }: { result: MrsQuantifyView }) {
  const { quantification, fit } = result;
  const macromolecules = useMemo(
    () => new Set(fit.names.filter((_, k) => fit.componentGroups[k] === 'macromolecules')),
    [fit],
  );
  const bars = useMemo(() => buildMrsBarFigure(quantification, macromolecules), [quantification, macromolecules]);
  const inMM = quantification.metabolites.some((m) => m.concentrationMM !== undefined);
  return (
    <div className="mrs-concentrations">
      <div className="mrs-table-wrap">
        <table data-testid="mrs-concentration-table">
          <thead>
            <tr>
              <th>metabolite</th>
              <th>amplitude</th>
              <th title="Cramér–Rao lower bound as % of the amplitude (LCModel's %SD)">%SD</th>
              <th>/{quantification.ratioReference}</th>
              {inMM && <th>mM ± SD</th>}
            </tr>
          </thead>
          <tbody>
            {quantification.metabolites.map((m) => {
              const sum = m.parts.length > 1;
              const mm = m.parts.some((p) => macromolecules.has(p));
              return (
                <tr
                  key={m.name}
                  className={sum ? 'sum' : mm ? 'macromolecule' : undefined}
                  data-testid="mrs-quant-row"
                  data-metabolite={m.name}
                >
                  <td title={sum ? m.parts.join(' + ') : undefined}>{m.name}</td>
                  <td>{number(m.amplitude, 4)}</td>
                  <td>{m.crlbPercent >= 999 ? '999' : m.crlbPercent.toFixed(0)}</td>
                  <td>{number(m.ratioToTCr)}</td>
                  {inMM && (
                    <td>
                      {m.concentrationMM === undefined
                        ? '—'
                        : `${m.concentrationMM.toFixed(2)} ± ${number(m.concentrationSdMM ?? Number.NaN, 2)}`}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="hint" data-testid="crlb-note">
          %SD is the Cramér–Rao lower bound: how precisely these data determine an amplitude, not a rule for rejecting
          it. Leaving out values with a high %SD biases group means upwards (Kreis, Magn Reson Med 2016;75:15); 999
          marks an amplitude fitted as 0.
        </p>
      </div>
      <PlotlyFigure data={bars.data} layout={bars.layout} className="mrs-bars" testId="mrs-bar-chart" />
    </div>
  );
}
