import { useEngine } from '../engineContext';
import { useWorkbench } from '../store/workbenchStore';

/**
 * MR spectroscopy actions on the first selected spectrum: an FID (time axis) can be shown as its
 * spectrum — FFT, automatic phase and referencing in the worker — on a reversed ppm axis.
 */
export function MrsPanel() {
  const engine = useEngine();
  const spectrum = useWorkbench((s) => {
    const id = s.selectedIds[0];
    return id === undefined ? undefined : s.spectra[id];
  });
  if (spectrum?.domain !== 'mrs') return null;
  const isFid = spectrum.x.unit === 's';
  const meta = spectrum.meta;
  return (
    <section className="panel mrs" data-testid="mrs-panel">
      <h2>MR spectroscopy</h2>
      <p className="hint">
        {String(meta.nucleus ?? '')}{' '}
        {typeof meta.spectrometerFrequencyMHz === 'number' ? `${meta.spectrometerFrequencyMHz.toFixed(3)} MHz` : ''}
        {typeof meta.echoTimeS === 'number' ? `, TE ${(meta.echoTimeS * 1000).toPrecision(3)} ms` : ''}
        {typeof meta.conjugationCheck === 'string' ? `; sign check: ${meta.conjugationCheck}` : ''}
      </p>
      {isFid && (
        <button type="button" onClick={() => void engine.showMrsSpectrum(spectrum.id)} data-testid="mrs-show-spectrum">
          Show spectrum (ppm)
        </button>
      )}
    </section>
  );
}
