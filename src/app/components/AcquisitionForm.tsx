import { useState } from 'react';
import { useEngine } from '../engineContext';

/**
 * Asks for what an MRS time-domain file lacks (dwell time and spectrometer frequency: an LCModel
 * `.RAW` dropped without its control file) and reads the file again with them. Nothing is guessed:
 * a wrong dwell time would silently rescale the ppm axis.
 */
export function AcquisitionForm({ file, onLoaded }: { readonly file: string; readonly onLoaded: () => void }) {
  const engine = useEngine();
  const [dwellUs, setDwellUs] = useState('');
  const [frequency, setFrequency] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const dwell = Number(dwellUs);
  const mhz = Number(frequency);
  const valid = dwellUs !== '' && frequency !== '' && dwell > 0 && mhz > 0 && Number.isFinite(dwell + mhz);
  return (
    <form
      className="acquisition-form"
      data-testid="acquisition-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        void engine
          .retryFile(file, { mrsAcquisition: { dwellTimeS: dwell * 1e-6, spectrometerFrequencyMHz: mhz } })
          .then((found) => (found ? onLoaded() : setNote('drop the file again: it is no longer at hand')));
      }}
    >
      <label>
        Dwell time (µs){' '}
        <input
          type="number"
          min="0"
          step="any"
          value={dwellUs}
          onChange={(e) => setDwellUs(e.target.value)}
          data-testid="acquisition-dwell"
          required
        />
      </label>{' '}
      <label>
        Spectrometer frequency (MHz){' '}
        <input
          type="number"
          min="0"
          step="any"
          value={frequency}
          onChange={(e) => setFrequency(e.target.value)}
          data-testid="acquisition-frequency"
          required
        />
      </label>{' '}
      <button type="submit" disabled={!valid}>
        Load with these
      </button>
      {note && <span className="hint"> {note}</span>}
    </form>
  );
}
