import { describe, expect, it } from 'vitest';
import { prepareInput } from '../../../ml/inference/prepareInput';
import { simulateConcentrationSpectrum } from './concentrationGenerator';
import { CONCENTRATION_METALS, SPECTRUM_CONTRACT } from './concentrationSetup';
import {
  contractAxis,
  fitUnivariateCalibration,
  netLineArea,
  predictUnivariate,
  REFERENCE_CONDITIONS,
  UNIVARIATE_LINES,
} from './univariateCalibration';

describe('netLineArea', () => {
  it('recovers the area of a line on a sloping background', () => {
    const axis = contractAxis(SPECTRUM_CONTRACT);
    const sigma = 0.3;
    const area = 500;
    const values = Float64Array.from(axis, (x) => {
      const g = (area / (sigma * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * ((x - 422.673) / sigma) ** 2);
      return 20 + 0.5 * (x - 400) + g;
    });
    const ca = UNIVARIATE_LINES.find((l) => l.element === 'Ca');
    if (ca === undefined) throw new Error('no Ca line');
    expect(netLineArea(axis, values, ca)).toBeCloseTo(area, -1);
  });

  it('gives NaN where the region has too few points', () => {
    const axis = contractAxis(SPECTRUM_CONTRACT);
    expect(
      netLineArea(axis, new Float64Array(axis.length), {
        element: 'X',
        wavelengthNm: 700,
        companionsNm: [],
        halfWidthNm: 1,
      }),
    ).toBeNaN();
  });
});

describe('univariate calibration', () => {
  const calibration = fitUnivariateCalibration(5, 4, 1);
  const mid = Object.fromEntries(CONCENTRATION_METALS.map((m) => [m.element, Math.sqrt(m.minMgL * m.maxMgL)]));
  const predict = (conductivityUsCm: number) => {
    const spectrum = simulateConcentrationSpectrum(
      {
        conductivityUsCm,
        liquidTemperatureC: REFERENCE_CONDITIONS.liquidTemperatureC,
        concentrationsMgL: mid,
        readConductivityUsCm: conductivityUsCm,
        readTemperatureC: 25,
      },
      77,
    );
    return predictUnivariate(calibration, prepareInput(spectrum, SPECTRUM_CONTRACT));
  };

  it('reads a sample at the standards’ matrix back within 10 %', () => {
    const predicted = predict(REFERENCE_CONDITIONS.conductivityUsCm);
    CONCENTRATION_METALS.forEach((m, k) => {
      expect(Math.abs((predicted[k] as number) / (mid[m.element] as number) - 1)).toBeLessThan(0.1);
    });
  });

  it('is biased in another matrix (the matrix effect it cannot see): low at low conductivity', () => {
    const predicted = predict(1000);
    // Ni I 352.45 (E_k 3.5 eV) loses most at the colder plasma of 1000 µS/cm.
    const ni = CONCENTRATION_METALS.findIndex((m) => m.element === 'Ni');
    expect((predicted[ni] as number) / (mid.Ni as number)).toBeLessThan(0.6);
  });
});
