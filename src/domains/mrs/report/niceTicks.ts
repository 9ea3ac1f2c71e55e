/**
 * Round-number axis ticks over [lo, hi] (either order): a step of 1, 2 or 5 × 10^k chosen so that
 * about `count` ticks fall in the range, and the ticks themselves (multiples of the step).
 */
export function niceTicks(lo: number, hi: number, count: number): { ticks: number[]; step: number } {
  const a = Math.min(lo, hi);
  const b = Math.max(lo, hi);
  if (!(Number.isFinite(a) && Number.isFinite(b)) || b === a) return { ticks: Number.isFinite(a) ? [a] : [], step: 1 };
  const raw = (b - a) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let k = Math.ceil(a / step); k * step <= b + step * 1e-9; k++)
    ticks.push(Number((k * step).toPrecision(12)) + 0);
  return { ticks, step };
}

/** A tick value with as many decimals as the step needs (`-0` printed as `0`). */
export function tickText(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const text = value.toFixed(Math.min(10, decimals));
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
