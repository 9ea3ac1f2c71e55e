import { WorkbenchError } from '../../../core';
import { hermitianEigen } from '../processing/hermitianEigen';
import { complexMultiply, complexMultiplyAdjoint, realSandwich } from './complexMatrix';

/**
 * One event of an ideal (hard, instantaneous) pulse sequence.
 * - `pulse`: rotation of every ¹H spin by `flipDeg` about the transverse axis at `phaseDeg`
 *   (0 = x, 90 = y), then a coherence filter that keeps only total coherence order `keepOrder`
 *   (what crusher / spoiler gradients select, see {@link densityMatrixLines}).
 * - `delay`: free precession for `seconds`.
 */
export type SequenceEvent =
  | { readonly kind: 'pulse'; readonly flipDeg: number; readonly phaseDeg: number; readonly keepOrder: number }
  | { readonly kind: 'delay'; readonly seconds: number };

/** The detected signal as a sum of lines: fid(t) = Σ (re + i·im)·e^{2πi·f·t}, t from the start of acquisition. */
export interface SpectralLines {
  /** Line frequency in the FID, Hz (NIfTI-MRS sign: a line at ppm δ has f = −(δ − centre)·cf). */
  readonly frequencyHz: number[];
  /** Complex amplitude of each line at t = 0 (one uncoupled ¹H after an ideal 90° gives 1). */
  readonly re: number[];
  readonly im: number[];
}

/** The largest spin system simulated (2^10 = 1024 states). */
export const MAX_SPINS = 10;

/**
 * Density-matrix simulation of one coupled spin-½ system under an ideal pulse sequence, returned as
 * a sum of lines (frequency, complex amplitude) of the acquired FID.
 *
 * Hamiltonian (rotating frame at the centre frequency, rad/s; Levitt, Spin Dynamics 2nd ed. §14):
 * H = Σ_k 2π·ν_k·I_zk + Σ_{k<l} 2π·J_kl·(I_zk·I_zl + ½(I⁺_k·I⁻_l + I⁻_k·I⁺_l)) — the full (strong)
 * coupling, so AB and A2B2 patterns come out right. ν_k = `offsetsHz[k]` = (δ_k − centre)·cf.
 * H conserves F_z, so it is block-diagonal by total M (blocks ≤ C(10,5) = 252); each block is
 * diagonalised once ({@link hermitianEigen}) and the density matrix is kept in the eigenbasis, where
 * free precession multiplies ρ_ab by e^{−i(E_a − E_b)τ}. Each eigenstate has a definite M, so the
 * coherence order of ρ_ab is p = M_a − M_b and a filter is a mask.
 *
 * Start: ρ = F_z (thermal equilibrium, high-temperature deviation). Pulses: ⊗_k exp(−iθ(cosφ·I_x +
 * sinφ·I_y)). Detection: s(t) = Tr(ρ(t)·F⁻) / (2^n/4), which reads the p = +1 part of ρ and evolves as
 * e^{−i(E_a−E_b)t}: a spin at offset ν gives e^{−2πiνt}, the NIfTI-MRS sign (mrs-notes §3.0). The
 * divisor makes an ideal 90°(y) on one uncoupled spin give amplitude exactly 1, real and positive.
 * Coherence selection by order filters after each pulse is exact for ideal pulses and equals perfect
 * crusher gradients (no phase-cycle aliasing of multiple-quantum orders).
 *
 * Lines closer than 1e-6 Hz are merged and amplitudes below 1e-10 dropped.
 * @throws WorkbenchError INVALID_OPTION for more than {@link MAX_SPINS} spins or a J matrix of the wrong shape.
 */
export function densityMatrixLines(
  offsetsHz: readonly number[],
  jHz: readonly (readonly number[])[],
  events: readonly SequenceEvent[],
): SpectralLines {
  const n = offsetsHz.length;
  if (n < 1 || n > MAX_SPINS) {
    throw new WorkbenchError('INVALID_OPTION', `a spin system needs 1 to ${MAX_SPINS} spins (got ${n})`);
  }
  if (jHz.length !== n || jHz.some((row) => row.length !== n)) {
    throw new WorkbenchError('INVALID_OPTION', `the J matrix must be ${n} × ${n}`);
  }
  const size = 1 << n;
  const { energy, order, vectors } = eigenbasis(offsetsHz, jHz, n, size);
  // ρ = F_z: diagonal M in the eigenbasis (eigenvectors stay inside their M block)
  let rr: Float64Array = new Float64Array(size * size);
  let ri: Float64Array = new Float64Array(size * size);
  for (let a = 0; a < size; a++) rr[a * size + a] = order[a] as number;
  const pulses = new Map<string, { re: Float64Array; im: Float64Array }>();
  for (const event of events) {
    if (event.kind === 'delay') {
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < size; b++) {
          const at = a * size + b;
          const xr = rr[at] as number;
          const xi = ri[at] as number;
          if (xr === 0 && xi === 0) continue;
          const angle = -((energy[a] as number) - (energy[b] as number)) * event.seconds;
          const c = Math.cos(angle);
          const s = Math.sin(angle);
          rr[at] = xr * c - xi * s;
          ri[at] = xr * s + xi * c;
        }
      }
      continue;
    }
    const key = `${event.flipDeg}/${event.phaseDeg}`;
    let pulse = pulses.get(key);
    if (pulse === undefined) {
      pulse = pulseInEigenbasis(event.flipDeg, event.phaseDeg, n, size, vectors);
      pulses.set(key, pulse);
    }
    const t = complexMultiply(pulse.re, pulse.im, rr, ri, size);
    const next = complexMultiplyAdjoint(t.re, t.im, pulse.re, pulse.im, size);
    rr = next.re;
    ri = next.im;
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        if ((order[a] as number) - (order[b] as number) !== event.keepOrder) {
          rr[a * size + b] = 0;
          ri[a * size + b] = 0;
        }
      }
    }
  }
  return detect(rr, ri, energy, order, vectors, n, size);
}

/** Eigen-decomposition of H block by block: energies (rad/s), M of each eigenstate, real eigenvectors (columns). */
function eigenbasis(offsetsHz: readonly number[], jHz: readonly (readonly number[])[], n: number, size: number) {
  const m = (s: number): number => {
    let down = 0;
    for (let k = 0; k < n; k++) down += (s >> k) & 1; // bit k set: spin k is β (m = −½)
    return n / 2 - down;
  };
  const blocks = new Map<number, number[]>();
  for (let s = 0; s < size; s++) {
    const key = m(s);
    if (!blocks.has(key)) blocks.set(key, []);
    blocks.get(key)?.push(s);
  }
  const energy = new Float64Array(size);
  const order = new Float64Array(size);
  const vectors = new Float64Array(size * size); // Zeeman state s, eigenstate a at [s·size + a]
  let a0 = 0;
  for (const [key, states] of [...blocks].sort((x, y) => y[0] - x[0])) {
    const dim = states.length;
    const h = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) {
      const s = states[i] as number;
      let diagonal = 0;
      for (let k = 0; k < n; k++) {
        const mk = (s >> k) & 1 ? -0.5 : 0.5;
        diagonal += 2 * Math.PI * (offsetsHz[k] as number) * mk;
        for (let l = k + 1; l < n; l++) {
          const ml = (s >> l) & 1 ? -0.5 : 0.5;
          diagonal += 2 * Math.PI * ((jHz[k] as number[])[l] as number) * mk * ml;
        }
      }
      h[i * dim + i] = diagonal;
      for (let j = i + 1; j < dim; j++) {
        const flip = s ^ (states[j] as number);
        // flip-flop term: the two states differ by exchanging one α and one β
        if (popcount(flip) !== 2) continue;
        const k = 31 - Math.clz32(flip & -flip);
        const l = 31 - Math.clz32(flip & ~(flip & -flip));
        const value = Math.PI * ((jHz[k] as number[])[l] as number); // 2π·J·½
        h[i * dim + j] = value;
        h[j * dim + i] = value;
      }
    }
    const { values, vectors: v } = hermitianEigen({ re: h, im: new Float64Array(dim * dim) }, dim);
    for (let c = 0; c < dim; c++) {
      energy[a0 + c] = values[c] as number;
      order[a0 + c] = key;
      for (let i = 0; i < dim; i++) vectors[(states[i] as number) * size + a0 + c] = v.re[i * dim + c] as number;
    }
    a0 += dim;
  }
  return { energy, order, vectors };
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v !== 0; v &= v - 1) c++;
  return c;
}

/** Vᵀ·R·V for the hard pulse R = ⊗ exp(−iθ(cosφ·I_x + sinφ·I_y)) on every spin. */
function pulseInEigenbasis(flipDeg: number, phaseDeg: number, n: number, size: number, vectors: Float64Array) {
  const half = (flipDeg * Math.PI) / 360;
  const phi = (phaseDeg * Math.PI) / 180;
  const c = Math.cos(half);
  const s = Math.sin(half);
  // single spin, basis (α, β): [[c, −i·e^{−iφ}·s], [−i·e^{iφ}·s, c]]
  const single = [
    [c, 0, -s * Math.sin(phi), -s * Math.cos(phi)],
    [s * Math.sin(phi), -s * Math.cos(phi), c, 0],
  ]; // row r: [re(r,0), im(r,0), re(r,1), im(r,1)]
  const re = new Float64Array(size * size);
  const im = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let pr = 1;
      let pi = 0;
      for (let k = 0; k < n; k++) {
        const e = single[(row >> k) & 1] as number[];
        const at = 2 * ((col >> k) & 1);
        const er = e[at] as number;
        const ei = e[at + 1] as number;
        const nr = pr * er - pi * ei;
        pi = pr * ei + pi * er;
        pr = nr;
        if (pr === 0 && pi === 0) break;
      }
      re[row * size + col] = pr;
      im[row * size + col] = pi;
    }
  }
  return { re: realSandwich(vectors, re, size), im: realSandwich(vectors, im, size) };
}

/** Lines of Tr(ρ(t)·F⁻)/(2^n/4): every element with M_a − M_b = +1. */
function detect(
  rr: Float64Array,
  ri: Float64Array,
  energy: Float64Array,
  order: Float64Array,
  vectors: Float64Array,
  n: number,
  size: number,
): SpectralLines {
  const lower = new Float64Array(size * size); // F⁻ in the Zeeman basis: ⟨s'|F⁻|s⟩ = 1, s' = s with one α → β
  for (let s = 0; s < size; s++) {
    for (let k = 0; k < n; k++) if (((s >> k) & 1) === 0) lower[(s | (1 << k)) * size + s] = 1;
  }
  const detector = realSandwich(vectors, lower, size);
  const norm = 4 / size;
  const raw: { f: number; re: number; im: number }[] = [];
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      if ((order[a] as number) - (order[b] as number) !== 1) continue;
      const d = (detector[b * size + a] as number) * norm;
      const xr = (rr[a * size + b] as number) * d;
      const xi = (ri[a * size + b] as number) * d;
      if (Math.abs(xr) + Math.abs(xi) < 1e-12) continue;
      raw.push({ f: -((energy[a] as number) - (energy[b] as number)) / (2 * Math.PI), re: xr, im: xi });
    }
  }
  raw.sort((x, y) => x.f - y.f);
  const lines: SpectralLines = { frequencyHz: [], re: [], im: [] };
  for (const line of raw) {
    const last = lines.frequencyHz.length - 1;
    if (last >= 0 && Math.abs(line.f - (lines.frequencyHz[last] as number)) < 1e-6) {
      lines.re[last] = (lines.re[last] as number) + line.re;
      lines.im[last] = (lines.im[last] as number) + line.im;
    } else {
      lines.frequencyHz.push(line.f);
      lines.re.push(line.re);
      lines.im.push(line.im);
    }
  }
  const kept: SpectralLines = { frequencyHz: [], re: [], im: [] };
  lines.frequencyHz.forEach((f, i) => {
    if (Math.hypot(lines.re[i] as number, lines.im[i] as number) < 1e-10) return;
    kept.frequencyHz.push(f);
    kept.re.push(lines.re[i] as number);
    kept.im.push(lines.im[i] as number);
  });
  return kept;
}
