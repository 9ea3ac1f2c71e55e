import { describe, expect, it } from 'vitest';
import { sequenceEvents } from './basisSequence';
import { densityMatrixLines, type SpectralLines } from './densityMatrixLines';

const PULSE_ACQUIRE = sequenceEvents({ kind: 'pulse-acquire' });
const zeros = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(0));

/** Lines as [FID frequency Hz, real amplitude, imaginary amplitude], ascending frequency. */
function table(lines: SpectralLines): [number, number, number][] {
  return lines.frequencyHz.map((f, i) => [f, lines.re[i] as number, lines.im[i] as number]);
}

describe('densityMatrixLines: physics of small spin systems', () => {
  it('one uncoupled spin: one line at −offset with amplitude 1 (pulse-acquire, PRESS) and ½ (STEAM)', () => {
    for (const [sequence, amplitude] of [
      [{ kind: 'pulse-acquire' }, 1],
      [{ kind: 'press', te1S: 0.011, te2S: 0.019 }, 1],
      [{ kind: 'steam', teS: 0, tmS: 0 }, 0.5],
      [{ kind: 'steam', teS: 0.02, tmS: 0.05 }, 0.5],
    ] as const) {
      const lines = table(densityMatrixLines([-200], [[0]], sequenceEvents(sequence)));
      expect(lines, sequence.kind).toHaveLength(1);
      const [f, re, im] = lines[0] as [number, number, number];
      expect(f).toBeCloseTo(200, 9);
      expect(re).toBeCloseTo(amplitude, 12);
      expect(im).toBeCloseTo(0, 12);
    }
  });

  it('weakly coupled AX: each spin is a doublet split by J, ½ per line', () => {
    const j = 7;
    const lines = table(
      densityMatrixLines(
        [-400, 100],
        [
          [0, j],
          [j, 0],
        ],
        PULSE_ACQUIRE,
      ),
    );
    expect(lines).toHaveLength(4);
    const freqs = lines.map((l) => l[0]);
    // A at offset −400 Hz → FID lines near +400, X at +100 → near −100
    expect((freqs[1] as number) - (freqs[0] as number)).toBeCloseTo(j, 1);
    expect((freqs[3] as number) - (freqs[2] as number)).toBeCloseTo(j, 1);
    // second order: each doublet centre moves by ½(√(Δν² + J²) − Δν) = 0.0245 Hz
    expect(((freqs[2] as number) + (freqs[3] as number)) / 2).toBeCloseTo(400.0245, 3);
    expect(((freqs[0] as number) + (freqs[1] as number)) / 2).toBeCloseTo(-100.0245, 3);
    for (const [, re, im] of lines) {
      // Δν/J = 71: a small roof effect, ½(1 ± J/(2C)) with 2C = √(Δν² + J²)
      expect(Math.abs(re - 0.5)).toBeCloseTo(j / Math.hypot(500, j) / 2, 9);
      expect(im).toBeCloseTo(0, 12);
    }
    const total = lines.reduce((s, l) => s + l[1], 0);
    expect(total).toBeCloseTo(2, 12);
  });

  it('strongly coupled AB: the analytic quartet (positions and roof-effect intensities)', () => {
    // Levitt, Spin Dynamics §14: C = ½·√(Δν² + J²), sin 2θ = J/(2C); lines at ν̄ ± J/2 ± C,
    // inner lines ∝ 1 + sin 2θ, outer ∝ 1 − sin 2θ (two protons: intensities sum to 2).
    const nuA = -30;
    const nuB = -18;
    const j = 9;
    const centre = (nuA + nuB) / 2;
    const c = 0.5 * Math.hypot(nuA - nuB, j);
    const sin2t = j / (2 * c);
    const expected = [
      [-centre - j / 2 - c, (1 - sin2t) / 2],
      [-centre + j / 2 - c, (1 + sin2t) / 2],
      [-centre - j / 2 + c, (1 + sin2t) / 2],
      [-centre + j / 2 + c, (1 - sin2t) / 2],
    ].sort((x, y) => (x[0] as number) - (y[0] as number));
    const lines = table(
      densityMatrixLines(
        [nuA, nuB],
        [
          [0, j],
          [j, 0],
        ],
        PULSE_ACQUIRE,
      ),
    );
    expect(lines).toHaveLength(4);
    lines.forEach(([f, re, im], i) => {
      expect(f).toBeCloseTo((expected[i] as number[])[0] as number, 9);
      expect(re).toBeCloseTo((expected[i] as number[])[1] as number, 9);
      expect(im).toBeCloseTo(0, 12);
    });
    expect(lines[1]?.[1] as number).toBeGreaterThan(2 * (lines[0]?.[1] as number)); // the roof
  });

  it('A2: two equivalent coupled spins give one line of amplitude 2 (J invisible)', () => {
    const lines = table(
      densityMatrixLines(
        [50, 50],
        [
          [0, 12],
          [12, 0],
        ],
        PULSE_ACQUIRE,
      ),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]?.[0] as number).toBeCloseTo(-50, 9);
    expect(lines[0]?.[1] as number).toBeCloseTo(2, 12);
  });

  it('AX3 (lactate-like) under ideal PRESS: the doublet is modulated by cos(πJ·TE) whatever TE1/TE2', () => {
    const j = 6.933; // Lac CH–CH3 (Govindaraju 2000)
    const offsets = [-0.5526 * 123.2, -3.3358 * 123.2, -3.3358 * 123.2, -3.3358 * 123.2]; // 4.0974, 1.3142 ppm
    const jm = zeros(4);
    for (let k = 1; k < 4; k++) {
      (jm[0] as number[])[k] = j;
      (jm[k] as number[])[0] = j;
    }
    const methyl = (te1S: number, te2S: number) => {
      const lines = densityMatrixLines(offsets, jm, sequenceEvents({ kind: 'press', te1S, te2S }));
      let re = 0;
      let im = 0;
      lines.frequencyHz.forEach((f, i) => {
        if (Math.abs(f - 3.3358 * 123.2) < 20) {
          re += lines.re[i] as number;
          im += lines.im[i] as number;
        }
      });
      return { re, im };
    };
    for (const [te1, te2] of [
      [0.072, 0.072],
      [0.02, 0.124],
      [0.144, 0.144],
    ] as const) {
      const te = te1 + te2;
      const got = methyl(te1, te2);
      // weak-coupling formula; Δν/J = 49 leaves a second-order difference below 0.01
      expect(Math.abs(got.re / 3 - Math.cos(Math.PI * j * te)), `TE ${te}`).toBeLessThan(0.01);
    }
    expect(methyl(0.072, 0.072).re).toBeLessThan(-2.9); // TE 144: inverted
    expect(methyl(0.144, 0.144).re).toBeGreaterThan(2.9); // TE 288: upright
  });

  it('runs an 8-spin system (256 states) and keeps the total signal', () => {
    const offsets = [-100, -150, -420, -420, -420, -470, -470, -470];
    const jm = zeros(8);
    const couple = (a: number, b: number, hz: number) => {
      (jm[a] as number[])[b] = hz;
      (jm[b] as number[])[a] = hz;
    };
    couple(0, 1, 4.4);
    for (let k = 2; k < 8; k++) couple(1, k, 7);
    const lines = densityMatrixLines(offsets, jm, PULSE_ACQUIRE);
    expect(lines.re.reduce((a, b) => a + b, 0)).toBeCloseTo(8, 7);
    expect(lines.im.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 7);
  });

  it('rejects a J matrix of the wrong shape and too many spins', () => {
    expect(() => densityMatrixLines([1, 2], [[0]], PULSE_ACQUIRE)).toThrow(/2 × 2/);
    expect(() => densityMatrixLines(new Array(11).fill(0), zeros(11), PULSE_ACQUIRE)).toThrow(/1 to 10 spins/);
  });
});
