import { useMemo, useState } from 'react';
import { useEngine } from '../engineContext';
import { fileFids, transientCount } from '../features/mrsTransients';
import { useWorkbench } from '../store/workbenchStore';
import { MrsQuantifyForm } from './MrsQuantifyForm';

/**
 * MR spectroscopy actions on the first selected spectrum: an FID (time axis) can be shown as its
 * spectrum — FFT, automatic phase and referencing in the worker — on a reversed ppm axis, and the
 * measurement it belongs to quantified with a basis set (the form picks basis, water and TE/TR);
 * a file of several transients opens the transient view (before/after alignment, outliers).
 */
export function MrsPanel() {
  const engine = useEngine();
  const [quantifying, setQuantifying] = useState(false);
  const spectrum = useWorkbench((s) => {
    const id = s.selectedIds[0];
    return id === undefined ? undefined : s.spectra[id];
  });
  const files = useWorkbench((s) => s.files);
  const spectra = useWorkbench((s) => s.spectra);
  const derived = useWorkbench((s) => s.derivedIds);
  const file = spectrum?.domain === 'mrs' ? spectrum.file : undefined;
  const count = useMemo(
    () => (file === undefined ? undefined : transientCount(fileFids(files, spectra, derived, file))),
    [files, spectra, derived, file],
  );
  if (spectrum?.domain !== 'mrs') return null;
  const isFid = spectrum.x.unit === 's';
  const meta = spectrum.meta;
  const isBasis = meta.basisSet === true;
  return (
    <section className="panel mrs" data-testid="mrs-panel">
      <h2>MR spectroscopy</h2>
      <p className="hint">
        {String(meta.nucleus ?? '')}{' '}
        {typeof meta.spectrometerFrequencyMHz === 'number' ? `${meta.spectrometerFrequencyMHz.toFixed(3)} MHz` : ''}
        {typeof meta.echoTimeS === 'number' ? `, TE ${(meta.echoTimeS * 1000).toPrecision(3)} ms` : ''}
        {typeof meta.conjugationCheck === 'string' ? `; sign check: ${meta.conjugationCheck}` : ''}
        {isBasis ? '; basis spectrum' : ''}
        {count && (count.transients > 1 || count.coils > 1)
          ? `; ${count.transients} transient${count.transients === 1 ? '' : 's'}` +
            (count.coils > 1 ? ` × ${count.coils} coils` : '')
          : ''}
      </p>
      <div className="row">
        {isFid && (
          <button
            type="button"
            onClick={() => void engine.showMrsSpectrum(spectrum.id)}
            data-testid="mrs-show-spectrum"
          >
            Show spectrum (ppm)
          </button>
        )}
        {!isBasis && count !== undefined && count.transients > 1 && (
          <button
            type="button"
            onClick={() => void engine.mrs.showTransients(spectrum.file)}
            title="Each transient before and after alignment, the corrections found and the outliers"
            data-testid="mrs-show-transients"
          >
            Transients…
          </button>
        )}
        {!isBasis && (
          <button
            type="button"
            onClick={() => setQuantifying(!quantifying)}
            aria-expanded={quantifying}
            data-testid="mrs-quantify"
          >
            Quantify…
          </button>
        )}
      </div>
      {quantifying && !isBasis && <MrsQuantifyForm key={spectrum.file} dataFile={spectrum.file} />}
    </section>
  );
}
