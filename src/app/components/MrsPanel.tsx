import { useState } from 'react';
import { useEngine } from '../engineContext';
import { useWorkbench } from '../store/workbenchStore';
import { MrsQuantifyForm } from './MrsQuantifyForm';

/**
 * MR spectroscopy actions on the first selected spectrum: an FID (time axis) can be shown as its
 * spectrum — FFT, automatic phase and referencing in the worker — on a reversed ppm axis, and the
 * measurement it belongs to quantified with a basis set (the form picks basis, water and TE/TR).
 */
export function MrsPanel() {
  const engine = useEngine();
  const [quantifying, setQuantifying] = useState(false);
  const spectrum = useWorkbench((s) => {
    const id = s.selectedIds[0];
    return id === undefined ? undefined : s.spectra[id];
  });
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
