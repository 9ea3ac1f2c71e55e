import type { GammaAnalysis } from '../../domains/gamma/analyseGammaSpectrum';

/** A gamma analysis with no peaks and no nuclides, for store and client tests; `extra` overrides fields. */
export const emptyGammaAnalysis = (spectrumId: string, extra: Partial<GammaAnalysis> = {}): GammaAnalysis => ({
  spectrumId,
  peaks: [],
  netPeaks: [],
  identification: {
    candidates: [],
    unexplainedPeaks: [],
    backgroundPeaks: [],
    efficiencyCorrection: { slope: 0, curvature: 0, spanKeV: [300, 300] },
  },
  resolution: 'test',
  energyRangeKeV: [0, 7],
  ...extra,
});
