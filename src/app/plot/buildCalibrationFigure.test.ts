import { describe, expect, it } from 'vitest';
import type { EmissionCalibration } from '../../workers/emissionMethods';
import { buildCalibrationFigure } from './buildCalibrationFigure';

const signal = (area: number) => ({
  area,
  areaSigma: 1,
  height: area,
  peakNm: 410,
  fromNm: 409,
  toNm: 411,
  points: 21,
});

/** A small calibration (y = 10x, bands of fixed widths) as the engine returns it. */
const calibration = {
  line: { wavelengthNm: 410.3, windowNm: 0.6, label: 'Ca II 410.000 nm' },
  unit: 'mg/L',
  standards: [1, 2, 5].map((c) => ({
    spectrumId: `s${c}`,
    name: `std ${c}`,
    concentration: c,
    signal: signal(10 * c),
    residual: 0,
  })),
  curve: { degree: 1, coefficients: [0, 10] },
  bands: [0, 2.5, 5].map((x) => ({ x, fit: 10 * x, confidenceHalfWidth: 1, predictionHalfWidth: 3 })),
  unknowns: [
    {
      spectrumId: 'u1',
      name: 'u1',
      signal: signal(30),
      result: { value: 3, U: 0.4, text: '3.00 ± 0.40 mg/L (k = 3.18)' },
    },
    {
      spectrumId: 'u2',
      name: 'u2',
      signal: signal(80),
      result: { value: 8, U: 0.9, text: '8.0 ± 0.9 mg/L (k = 3.18)' },
      extrapolation: 'above',
    },
  ],
  coverageFactor: 3.18,
} as unknown as EmissionCalibration;

describe('buildCalibrationFigure', () => {
  it('draws both bands as closed polygons around the fit, the standards, and the unknowns with ± U', () => {
    const { data, layout } = buildCalibrationFigure(calibration);
    expect(data.map((t) => t.meta.role)).toEqual([
      'prediction-band',
      'confidence-band',
      'fit',
      'standards',
      'unknowns',
    ]);
    const [prediction, confidence] = data;
    expect(prediction?.x).toEqual([0, 2.5, 5, 5, 2.5, 0]);
    expect(prediction?.y).toEqual([3, 28, 53, 47, 22, -3]);
    expect(confidence?.y).toEqual([1, 26, 51, 49, 24, -1]);
    const unknowns = data[4];
    expect(unknowns?.x).toEqual([3, 8]);
    expect(unknowns?.error_x).toMatchObject({ array: [0.4, 0.9] });
    expect((unknowns?.marker as { color?: string[] } | undefined)?.color).toEqual(['#ff7f0e', '#d62728']);
    expect(JSON.stringify(layout.yaxis)).toContain('Ca II 410.000 nm');
    expect(JSON.stringify(layout.xaxis)).toContain('concentration (mg/L)');
  });

  it('shows names from files as plain text in the hover labels', () => {
    const named = { ...calibration, standards: calibration.standards.map((s) => ({ ...s, name: '<b>x</b>&' })) };
    const { data } = buildCalibrationFigure(named);
    expect((data[3]?.hovertext as string[] | undefined)?.[0]).toMatch(/^&lt;b&gt;x&lt;\/b&gt;&amp;<br>1 mg\/L/);
  });

  it('leaves the unknowns trace out when there is none', () => {
    const { data } = buildCalibrationFigure({ ...calibration, unknowns: [] });
    expect(data.map((t) => t.meta.role)).not.toContain('unknowns');
  });
});
