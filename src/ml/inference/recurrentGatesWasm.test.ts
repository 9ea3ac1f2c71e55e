import { describe, expect, it } from 'vitest';
import { recurrentGateExports, recurrentGatesModule } from './recurrentGatesWasm';

type Gate = (...args: number[]) => void;

/** The module on a fresh memory of its own (no tfjs), with a bump allocator of float32 buffers. */
function load() {
  const memory = new WebAssembly.Memory({ initial: 4 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(recurrentGatesModule()), { env: { memory } });
  const heap = new Float32Array(memory.buffer);
  let next = 16; // bytes; 0 stays free so that 0 can mean "no sequence output"
  const alloc = (values: ArrayLike<number>) => {
    const at = next;
    heap.set(values, at / 4);
    next += Math.ceil((values.length * 4) / 16) * 16;
    return at;
  };
  const read = (at: number, length: number) => Array.from(heap.subarray(at / 4, at / 4 + length));
  const gate = (id: (typeof recurrentGateExports)[number]) => instance.exports[id] as Gate;
  return { alloc, read, gate };
}

let seed = 7;
/** Deterministic values on [-scale, scale). */
function values(length: number, scale = 3): number[] {
  return Array.from({ length }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648) * 2 * scale - scale;
  });
}

const hardSigmoid = (x: number) => Math.min(1, Math.max(0, 0.2 * x + 0.5));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function maxDiff(a: readonly number[], b: readonly number[]): number {
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - (b[i] ?? Number.NaN))), 0);
}

describe('recurrentGatesModule', () => {
  it('is a valid module exporting the five gate functions', () => {
    const bytes = recurrentGatesModule();
    expect(WebAssembly.validate(bytes)).toBe(true);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    expect(exports).toEqual([...recurrentGateExports]);
  });

  it('computes tanh within 4e-7 on [-20, 20] (gru_output with z = 0), odd and saturating', () => {
    const { alloc, read, gate } = load();
    const x = Array.from({ length: 4001 + 3 }, (_, i) => (i < 4001 ? -20 + i / 100 : 0));
    const n = x.length / 4;
    const h = alloc(new Float32Array(x.length));
    const xh = alloc(x);
    gate('gru_output')(xh, 16, alloc(new Float32Array(x.length)), alloc(new Float32Array(x.length)), h, 0, 0, n, 16);
    const got = read(h, x.length);
    expect(maxDiff(got, x.map(Math.tanh))).toBeLessThanOrEqual(4e-7);
    expect(got[2000]).toBe(0); // tanh(0)
    expect(got[0]).toBeCloseTo(-1, 6);
  });

  it.each([true, false])(
    'lstm (hardSigmoid %s): c and h as tfjs’s LSTMCell, the sequence row only when asked',
    (hard) => {
      const { alloc, read, gate } = load();
      const n = 3;
      const units = 8;
      const steps = 2;
      const xw = values(n * steps * 4 * units); // [n, steps, 4u], step t = 1 used
      const hu = values(n * 4 * units);
      const c0 = values(n * units, 1);
      const c = alloc(c0);
      const h = alloc(new Float32Array(n * units));
      const seq = alloc(new Float32Array(n * steps * units));
      const t = 1;
      const xwAt = alloc(xw);
      const run = hard ? gate('lstm_hard') : gate('lstm_sigmoid');
      // Row t of every sample; the sequence row k = 0 (stride steps·u).
      run(xwAt + t * 16 * units, steps * 16 * units, alloc(hu), c, h, seq, steps * 4 * units, n, 4 * units);
      const act = hard ? hardSigmoid : sigmoid;
      const expectedC: number[] = [];
      const expectedH: number[] = [];
      for (let s = 0; s < n; s++) {
        for (let j = 0; j < units; j++) {
          const z = (g: number) =>
            (xw[(s * steps + t) * 4 * units + g * units + j] ?? 0) + (hu[s * 4 * units + g * units + j] ?? 0);
          const cell = act(z(1)) * (c0[s * units + j] ?? 0) + act(z(0)) * Math.tanh(z(2));
          expectedC.push(cell);
          expectedH.push(act(z(3)) * Math.tanh(cell));
        }
      }
      expect(maxDiff(read(c, n * units), expectedC)).toBeLessThanOrEqual(1e-6);
      expect(maxDiff(read(h, n * units), expectedH)).toBeLessThanOrEqual(1e-6);
      const sequence = read(seq, n * steps * units);
      for (let s = 0; s < n; s++) {
        expect(sequence.slice(s * steps * units, s * steps * units + units)).toEqual(
          read(h, n * units).slice(s * units, (s + 1) * units),
        );
        expect(sequence.slice((s * steps + 1) * units, (s * steps + 2) * units)).toEqual(new Array(units).fill(0));
      }
      // seq = 0: h only.
      const h2 = alloc(new Float32Array(n * units));
      run(xwAt + t * 16 * units, steps * 16 * units, alloc(hu), alloc(c0), h2, 0, 0, n, 4 * units);
      expect(read(h2, n * units)).toEqual(read(h, n * units));
    },
  );

  it.each([true, false])('gru (hardSigmoid %s): z, r·h, then h = z·h + (1 − z)·tanh(x_h + (r·h)·U_h)', (hard) => {
    const { alloc, read, gate } = load();
    const n = 2;
    const units = 4;
    const xw = values(n * 3 * units); // one step: [n, 3u]
    const hu = values(n * 2 * units);
    const h0 = values(n * units, 1);
    const rhU = values(n * units); // stands for (r·h)·U_h
    const h = alloc(h0);
    const z = alloc(new Float32Array(n * units));
    const rh = alloc(new Float32Array(n * units));
    const xwAt = alloc(xw);
    (hard ? gate('gru_gates_hard') : gate('gru_gates_sigmoid'))(xwAt, 12 * units, alloc(hu), h, z, rh, n, 4 * units);
    const act = hard ? hardSigmoid : sigmoid;
    const zx = (s: number, j: number, g: number) =>
      (xw[s * 3 * units + g * units + j] ?? 0) + (hu[s * 2 * units + g * units + j] ?? 0);
    const expectedZ: number[] = [];
    const expectedRh: number[] = [];
    const expectedH: number[] = [];
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < units; j++) {
        const zz = act(zx(s, j, 0));
        const prev = h0[s * units + j] ?? 0;
        expectedZ.push(zz);
        expectedRh.push(act(zx(s, j, 1)) * prev);
        const hh = Math.tanh((xw[s * 3 * units + 2 * units + j] ?? 0) + (rhU[s * units + j] ?? 0));
        expectedH.push(zz * prev + (1 - zz) * hh);
      }
    }
    expect(maxDiff(read(z, n * units), expectedZ)).toBeLessThanOrEqual(1e-6);
    expect(maxDiff(read(rh, n * units), expectedRh)).toBeLessThanOrEqual(1e-6);
    const seq = alloc(new Float32Array(n * units));
    gate('gru_output')(xwAt + 8 * units, 12 * units, alloc(rhU), z, h, seq, 4 * units, n, 4 * units);
    expect(maxDiff(read(h, n * units), expectedH)).toBeLessThanOrEqual(1e-6);
    expect(read(seq, n * units)).toEqual(read(h, n * units));
  });
});
