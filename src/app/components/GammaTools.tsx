import { useState } from 'react';
import type { RoiCounts } from '../../domains/gamma/processing/roiCounts';
import { useEngine } from '../engineContext';
import { backgroundIdFor } from '../store/gammaSlice';
import { useWorkbench } from '../store/workbenchStore';

const fmt = (v: number) => (Math.abs(v) >= 1e5 ? v.toExponential(3) : v.toPrecision(5));

/**
 * Processing on the selected gamma spectrum: the net spectrum (chosen background subtracted,
 * live-time scaled, σ propagated) as a new spectrum, and the counts in a region of interest.
 */
export function GammaTools({ spectrumId }: { spectrumId: string }) {
  const engine = useEngine();
  const hasBackground = useWorkbench((s) => backgroundIdFor(s, spectrumId) !== null);
  const [low, setLow] = useState(650);
  const [high, setHigh] = useState(675);
  const [roi, setRoi] = useState<RoiCounts | null>(null);
  return (
    <div className="gamma-tools">
      <div className="row">
        <button
          type="button"
          disabled={!hasBackground}
          title={
            hasBackground
              ? 'a new spectrum: this one minus the background, scaled by live time'
              : 'choose a background first'
          }
          onClick={() => void engine.gamma.subtractBackground(spectrumId)}
          data-testid="gamma-net-spectrum"
        >
          Net spectrum
        </button>
      </div>
      <div className="row">
        ROI
        <input
          type="number"
          value={low}
          step="any"
          onChange={(e) => setLow(Number(e.target.value))}
          aria-label="ROI from (keV)"
          data-testid="roi-low"
        />
        –
        <input
          type="number"
          value={high}
          step="any"
          onChange={(e) => setHigh(Number(e.target.value))}
          aria-label="ROI to (keV)"
          data-testid="roi-high"
        />
        keV
        <button
          type="button"
          onClick={() => void engine.gamma.roi(spectrumId, low, high).then(setRoi)}
          data-testid="roi-count"
        >
          Count
        </button>
      </div>
      {roi && (
        <p className="hint" data-testid="roi-result">
          gross {fmt(roi.gross)} ± {fmt(roi.grossSigma)}, continuum {fmt(roi.continuum)} ± {fmt(roi.continuumSigma)},
          net{' '}
          <strong>
            {fmt(roi.net)} ± {fmt(roi.netSigma)}
          </strong>
          {roi.netRate !== undefined && ` (${fmt(roi.netRate)} ± ${fmt(roi.netRateSigma ?? 0)} counts/s)`}
        </p>
      )}
    </div>
  );
}
