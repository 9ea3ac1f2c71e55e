import type { GammaAnalysis } from '../../domains/gamma/analyseGammaSpectrum';

const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/**
 * The fitted peaks of an analysis in a collapsible section: centroid ± σ, FWHM ± σ, net area ± σ,
 * significance, and the net area left after background-peak subtraction when a background was used.
 */
export function PeakTable({ analysis }: { analysis: GammaAnalysis }) {
  const withBackground = analysis.backgroundId !== undefined;
  const net = new Map(analysis.netPeaks.map((p) => [p.centroidKeV, p]));
  return (
    <details className="peak-table" data-testid="peak-table">
      <summary>
        {analysis.peaks.length} fitted peaks ({fixed(analysis.energyRangeKeV[0], 0)}–
        {fixed(analysis.energyRangeKeV[1], 0)} keV)
      </summary>
      <table>
        <thead>
          <tr>
            <th>centroid (keV)</th>
            <th>FWHM (keV)</th>
            <th>net area (counts)</th>
            <th>σ above continuum</th>
            {withBackground && <th>after background</th>}
          </tr>
        </thead>
        <tbody>
          {analysis.peaks.map((p) => {
            const after = net.get(p.centroidKeV);
            return (
              <tr key={`${p.regionId}:${p.centroidKeV}`} data-testid="peak-row">
                <td>
                  {fixed(p.centroidKeV, 2)} ± {fixed(p.centroidSigmaKeV, 2)}
                </td>
                <td>
                  {fixed(p.fwhmKeV, 2)} ± {fixed(p.fwhmSigmaKeV, 2)}
                </td>
                <td>
                  {fixed(p.netArea, 0)} ± {fixed(p.netAreaSigma, 0)}
                </td>
                <td>{fixed(p.significance, 1)}</td>
                {withBackground && (
                  <td>{after ? `${fixed(after.netArea, 0)} ± ${fixed(after.netAreaSigma, 0)}` : 'background peak'}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
