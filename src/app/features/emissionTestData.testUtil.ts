import type { Spectrum } from '../../core/spectrum';
import type { EmissionIdentification } from '../../workers/emissionMethods';

/** An emission spectrum on a nm axis (400–420 nm, 0.01 nm steps) with a line at 410.3 nm. */
export function emissionSpectrum(file: string, index = 0, height = 100): Spectrum {
  const x = Float64Array.from({ length: 2001 }, (_, i) => 400 + 0.01 * i);
  return {
    id: `${file}#${index}`,
    name: `${file} ${index}`,
    file,
    domain: 'emission',
    x: { values: x, unit: 'nm', quantity: 'wavelength' },
    y: { values: x.map((v) => 10 + height * Math.exp(-(((v - 410.3) / 0.05) ** 2) / 2)), unit: 'counts' },
    meta: {},
  };
}

/**
 * A hand-made identification: Ca accepted (Ca II 410.0 nm seen at 410.3, offset +0.3 nm), Mn a
 * candidate; peak 1 unexplained. Numbers are illustrative, not from the line library.
 */
export function identificationOf(spectrum: Spectrum): EmissionIdentification {
  return {
    spectrumId: spectrum.id,
    baseline: 'airpls (lambda 100)',
    noiseSigma: 1,
    peaks: [
      { wavelengthNm: 410.3, height: 100, area: 12.5, fwhmNm: 0.12, snr: 100 },
      { wavelengthNm: 415.0, height: 20, area: 2.5, fwhmNm: 0.12, snr: 20 },
    ],
    peaksFound: 2,
    rangeNm: [400, 420],
    result: {
      offsetNm: 0.3,
      unexplainedPeaks: [1],
      elements: [
        {
          element: 'Ca',
          accepted: true,
          score: 0.9,
          rank: 0.8,
          evidence: 0.8,
          matched: [
            {
              libraryNm: 410,
              ion: 2,
              observedNm: 410.3,
              correctedNm: 410,
              peakIndex: 0,
              relativeExpected: 1,
              observedIntensity: 100,
              z: 0,
              sharedWith: [],
            },
          ],
          missing: [{ libraryNm: 412, ion: 1, relativeExpected: 0.5, expectedIntensity: 50 }],
        },
        { element: 'Mn', accepted: false, score: 0.2, rank: 0.1, evidence: 0.1, matched: [], missing: [] },
      ],
    },
  };
}
