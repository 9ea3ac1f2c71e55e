import { useMemo } from 'react';
import { useEngine } from '../engineContext';
import { findTimeSeries } from '../features/findTimeSeries';
import { backgroundIdFor, isAnalysableGamma } from '../store/gammaSlice';
import { useWorkbench } from '../store/workbenchStore';
import { GammaTools } from './GammaTools';

/**
 * Gamma analysis of the first selected spectrum: the background to subtract (other loaded gamma
 * spectra; a background measurement of the same file is preselected), the "Identify nuclides"
 * action and the run's status. Results show under the plot (NuclideTable).
 */
export function GammaPanel() {
  const engine = useEngine();
  const spectrumId = useWorkbench((s) => s.selectedIds[0]);
  const spectrum = useWorkbench((s) => (spectrumId === undefined ? undefined : s.spectra[spectrumId]));
  const spectra = useWorkbench((s) => s.spectra);
  const order = useWorkbench((s) => s.spectrumOrder);
  const files = useWorkbench((s) => s.files);
  const derived = useWorkbench((s) => s.derivedIds);
  const backgroundId = useWorkbench((s) => (spectrumId === undefined ? null : backgroundIdFor(s, spectrumId)));
  const run = useWorkbench((s) => (spectrumId === undefined ? undefined : s.gammaRuns[spectrumId]));

  const candidates = useMemo(() => {
    // Members of a time series are left out (hundreds of short samples); their sums are offered.
    const inSeries = new Set(findTimeSeries(files, spectra, derived).flatMap((t) => t.ids));
    const ids = order.filter((id) => id !== spectrumId && !inSeries.has(id) && isAnalysableGamma(spectra[id]));
    const isBackground = (id: string) => spectra[id]?.meta.measurementClass === 'Background';
    return [...ids.filter(isBackground), ...ids.filter((id) => !isBackground(id))];
  }, [files, spectra, order, derived, spectrumId]);

  if (spectrumId === undefined || spectrum?.domain !== 'gamma') return null;
  const analysable = isAnalysableGamma(spectrum);
  const current = run && run.spectrum === spectrum ? run : undefined;
  const running = current?.status === 'running';
  const analysis = current?.status === 'done' ? current.analysis : null;
  return (
    <section className="panel gamma" data-testid="gamma-panel">
      <h2>Gamma analysis</h2>
      {!analysable && (
        <p className="hint">
          This spectrum has no energy calibration (channel axis): identification needs energies in keV.
        </p>
      )}
      {analysable && (
        <>
          <label className="row">
            Background
            <select
              value={backgroundId ?? ''}
              onChange={(e) => engine.gamma.chooseBackground(spectrumId, e.target.value === '' ? null : e.target.value)}
              data-testid="gamma-background"
            >
              <option value="">none</option>
              {candidates.map((id) => (
                <option key={id} value={id}>
                  {spectra[id]?.name}
                  {spectra[id]?.meta.measurementClass === 'Background' ? ' — background' : ''}
                </option>
              ))}
            </select>
          </label>
          <div className="row">
            <button
              type="button"
              disabled={running}
              onClick={() => void engine.gamma.identify(spectrumId)}
              data-testid="gamma-identify"
            >
              Identify nuclides
            </button>
          </div>
          <GammaTools spectrumId={spectrumId} />
          <p className="hint" data-testid="gamma-status" data-status={current?.status ?? 'idle'}>
            {running && 'Identifying nuclides…'}
            {current?.status === 'failed' && `Failed: ${current.error?.message ?? 'unknown error'}`}
            {analysis &&
              `${analysis.peaks.length} peaks (${analysis.netPeaks.length} after background), ${analysis.identification.candidates.length} nuclides. ${analysis.resolution}.`}
            {analysis?.backgroundScale !== undefined &&
              ` Background scaled by the live-time ratio ${analysis.backgroundScale.toPrecision(3)}.`}
            {!current && 'Not analysed yet.'}
          </p>
        </>
      )}
    </section>
  );
}
