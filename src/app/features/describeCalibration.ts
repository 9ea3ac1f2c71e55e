import type { ChannelCalibration } from '../../core/spectrum';

/** Human text of a channel calibration, e.g. `E = 0.578 + 0.374·ch + 2.99e-7·ch² keV (polynomial)`. */
export function describeCalibration(calibration: ChannelCalibration): string {
  const c = calibration.coefficients;
  const number = (v: number) => Number(v.toPrecision(6)).toString();
  let text: string;
  if (calibration.model === 'polynomial') {
    text = c.map((v, k) => (k === 0 ? number(v) : `${number(v)}·ch${k > 1 ? (k === 2 ? '²' : '³') : ''}`)).join(' + ');
    text = `E = ${text} ${calibration.unit} (polynomial)`;
  } else if (calibration.model === 'fullRangeFraction') {
    text = `full-range fraction (${c.map(number).join(', ')}) ${calibration.unit}`;
  } else {
    text = `${c.length} channel edges, ${number(c[0] ?? 0)}–${number(c[c.length - 1] ?? 0)} ${calibration.unit}`;
  }
  const pairs = calibration.deviationPairs?.length ?? 0;
  return pairs > 0 ? `${text}, ${pairs} deviation pairs` : text;
}
