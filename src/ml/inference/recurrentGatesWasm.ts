/**
 * The gate arithmetic of one LSTM or GRU time step as a small WebAssembly SIMD module, emitted
 * byte by byte here (no toolchain). It imports tfjs-backend-wasm's memory, so it reads the matrix
 * products that XNNPACK wrote and writes the states in place, four units per f32x4 operation;
 * `wasmRecurrence.ts` drives it. Buffers are row-major float32, one row of `gateBytes` (= 4·units,
 * units a multiple of 4) per gate and sample; every pointer and stride is in bytes.
 *
 * Exports (all return nothing):
 * - `lstm_hard` / `lstm_sigmoid`(xw, xwStride, hu, c, h, seq, seqStride, n, gateBytes): with
 *   z = xw + hu per gate (i, f, c, o, as tfjs's LSTMCell), c ← σ(z_f)·c + σ(z_i)·tanh(z_c),
 *   h ← σ(z_o)·tanh(c), and h copied to `seq` unless it is 0. `hu` rows hold 4 gates.
 * - `gru_gates_hard` / `gru_gates_sigmoid`(xw, xwStride, hu, h, z, rh, n, gateBytes): z ← σ(x_z + hu_z),
 *   rh ← σ(x_r + hu_r)·h (tfjs's GRUCell, reset before the product with U_h). `hu` rows hold 2 gates.
 * - `gru_output`(xh, xwStride, hu, z, h, seq, seqStride, n, gateBytes): h ← z·h + (1 − z)·tanh(xh + hu).
 *
 * σ is tfjs's hardSigmoid, clip(0.2·x + 0.5, 0, 1), or the sigmoid 0.5 + 0.5·tanh(x/2). tanh is the
 * [13/6] rational approximation x·P(x²)/Q(x²) of Eigen 3.4's `generic_fast_tanh_float`
 * (Eigen/src/Core/MathFunctionsImpl.h; XLA's EmitFastTanh uses the same coefficients) on x clamped
 * to ±7.905311107635498: within 4e-7 of tanh on [-20, 20] (recurrentGatesWasm.test.ts).
 */

import { type Bytes, i32, name, section, sleb, splat, uleb, v128, vector } from '../kernels/wasmSimdAssembler';

const simd = (opcode: number): Bytes => [0xfd, ...uleb(opcode)];
const op = {
  get: (index: number): Bytes => [0x20, ...uleb(index)],
  set: (index: number): Bytes => [0x21, ...uleb(index)],
  tee: (index: number): Bytes => [0x22, ...uleb(index)],
  const: (value: number): Bytes => [0x41, ...sleb(value)],
  add: [0x6a],
  mul: [0x6c],
  geU: [0x4f],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  /** v128.load / v128.store with alignment hint 4 bytes, offset 0. */
  load: [...simd(0x00), 2, 0],
  store: [...simd(0x0b), 2, 0],
  fadd: simd(0xe4),
  fsub: simd(0xe5),
  fmul: simd(0xe6),
  fdiv: simd(0xe7),
  fmin: simd(0xe8),
  fmax: simd(0xe9),
};

/** A function under construction: named i32 parameters, named locals, one flat list of bytes. */
class FunctionBuilder {
  private readonly indices = new Map<string, number>();
  private readonly localTypes: number[] = [];
  readonly code: Bytes = [];

  constructor(readonly params: readonly string[]) {
    params.forEach((p, i) => {
      this.indices.set(p, i);
    });
  }

  local(id: string, type: number): void {
    this.indices.set(id, this.params.length + this.localTypes.length);
    this.localTypes.push(type);
  }

  at(id: string): number {
    const index = this.indices.get(id);
    if (index === undefined) throw new Error(`recurrentGatesWasm: unknown local ${id}`);
    return index;
  }

  emit(...parts: (Bytes | number)[]): void {
    for (const part of parts) {
      if (typeof part === 'number') this.code.push(part);
      else this.code.push(...part);
    }
  }

  get = (id: string): Bytes => op.get(this.at(id));
  set = (id: string): Bytes => op.set(this.at(id));

  /** The code section entry: locals (one group of one per local) and the body. */
  body(): Bytes {
    const declarations = [...uleb(this.localTypes.length), ...this.localTypes.flatMap((type) => [1, type])];
    const content = [...declarations, ...this.code, ...op.end];
    return [...uleb(content.length), ...content];
  }
}

const tanhClamp = 7.905311107635498;
const tanhNumerator = [
  -2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-8, 1.48572235717979e-5,
  6.37261928875436e-4, 4.89352455891786e-3,
];
const tanhDenominator = [1.19825839466702e-6, 1.18534705686654e-4, 2.268434632439e-3, 4.89352518554385e-3];

/** Pushes tanh(local `source`) (uses the v128 locals `x`, `x2`). */
function tanh(f: FunctionBuilder, source: string): void {
  f.emit(f.get(source), splat(tanhClamp), op.fmin, splat(-tanhClamp), op.fmax, f.set('x'));
  f.emit(f.get('x'), f.get('x'), op.fmul, f.set('x2'));
  const [first, ...rest] = tanhNumerator;
  f.emit(splat(first as number));
  for (const c of rest) f.emit(f.get('x2'), op.fmul, splat(c), op.fadd);
  f.emit(f.get('x'), op.fmul);
  const [dFirst, ...dRest] = tanhDenominator;
  f.emit(splat(dFirst as number));
  for (const c of dRest) f.emit(f.get('x2'), op.fmul, splat(c), op.fadd);
  f.emit(op.fdiv);
}

/** Replaces local `id` by its recurrent activation (hardSigmoid or sigmoid). */
function activate(f: FunctionBuilder, id: string, hard: boolean): void {
  if (hard) {
    f.emit(f.get(id), splat(0.2), op.fmul, splat(0.5), op.fadd, splat(0), op.fmax, splat(1), op.fmin, f.set(id));
    return;
  }
  f.emit(f.get(id), splat(0.5), op.fmul, f.set(id), splat(0.5));
  tanh(f, id);
  f.emit(splat(0.5), op.fmul, op.fadd, f.set(id));
}

/** Pushes the address `row + j + gate·gateBytes` (gate 0–3). */
function address(f: FunctionBuilder, row: string, gate: number): void {
  f.emit(f.get(row), f.get('j'), op.add);
  if (gate > 0) f.emit(f.get(`g${gate}`), op.add);
}

/** Sets v128 local `id` to xw[gate] + hu[gate] at the current unit block. */
function preActivation(f: FunctionBuilder, id: string, xRow: string, hRow: string, gate: number): void {
  address(f, xRow, gate);
  f.emit(op.load);
  address(f, hRow, gate);
  f.emit(op.load, op.fadd, f.set(id));
}

/**
 * The common frame: for every sample s < n, each row pointer `row = base + s·stride`, then for every
 * block of 4 units (byte offset j < gateBytes, step 16) the body.
 */
function rowsAndUnits(f: FunctionBuilder, rows: readonly [string, string, string][], body: () => void): void {
  f.local('s', i32);
  f.local('j', i32);
  for (const gate of [1, 2, 3, 4]) f.local(`g${gate}`, i32);
  for (const [row] of rows) f.local(row, i32);
  for (const id of ['va', 'vb', 'vc', 'vd', 'x', 'x2']) f.local(id, v128);
  // g1..g4: 1..4 gate rows in bytes.
  f.emit(f.get('gateBytes'), f.set('g1'));
  for (const gate of [2, 3, 4]) f.emit(f.get(`g${gate - 1}`), f.get('gateBytes'), op.add, f.set(`g${gate}`));
  f.emit(op.block, op.loop, f.get('s'), f.get('n'), op.geU, op.brIf(1));
  for (const [row, base, stride] of rows) f.emit(f.get(base), f.get('s'), f.get(stride), op.mul, op.add, f.set(row));
  f.emit(op.const(0), f.set('j'));
  f.emit(op.block, op.loop, f.get('j'), f.get('gateBytes'), op.geU, op.brIf(1));
  body();
  f.emit(f.get('j'), op.const(16), op.add, f.set('j'), op.br(0), op.end, op.end);
  f.emit(f.get('s'), op.const(1), op.add, f.set('s'), op.br(0), op.end, op.end);
}

/** Stores local `value` at `row + j`, and at `seqRow + j` unless the param `seq` is 0. */
function storeState(f: FunctionBuilder, value: string, row: string): void {
  f.emit(f.get(row), f.get('j'), op.add, f.get(value), op.store);
  f.emit(f.get('seq'), op.if, f.get('seqRow'), f.get('j'), op.add, f.get(value), op.store, op.end);
}

function lstm(hard: boolean): FunctionBuilder {
  const f = new FunctionBuilder(['xw', 'xwStride', 'hu', 'c', 'h', 'seq', 'seqStride', 'n', 'gateBytes']);
  const rows: [string, string, string][] = [
    ['xRow', 'xw', 'xwStride'],
    ['huRow', 'hu', 'g4'],
    ['cRow', 'c', 'g1'],
    ['hRow', 'h', 'g1'],
    ['seqRow', 'seq', 'seqStride'],
  ];
  rowsAndUnits(f, rows, () => {
    ['va', 'vb', 'vc', 'vd'].forEach((id, gate) => {
      preActivation(f, id, 'xRow', 'huRow', gate);
    });
    for (const id of ['va', 'vb', 'vd']) activate(f, id, hard);
    // c' = f·c + i·tanh(z_c), kept in `b`; h' = o·tanh(c'), kept in `a`.
    f.emit(f.get('vb'));
    address(f, 'cRow', 0);
    f.emit(op.load, op.fmul, f.get('va'));
    tanh(f, 'vc');
    f.emit(op.fmul, op.fadd, f.set('vb'));
    address(f, 'cRow', 0);
    f.emit(f.get('vb'), op.store, f.get('vd'));
    tanh(f, 'vb');
    f.emit(op.fmul, f.set('va'));
    storeState(f, 'va', 'hRow');
  });
  return f;
}

function gruGates(hard: boolean): FunctionBuilder {
  const f = new FunctionBuilder(['xw', 'xwStride', 'hu', 'h', 'z', 'rh', 'n', 'gateBytes']);
  const rows: [string, string, string][] = [
    ['xRow', 'xw', 'xwStride'],
    ['huRow', 'hu', 'g2'],
    ['hRow', 'h', 'g1'],
    ['zRow', 'z', 'g1'],
    ['rhRow', 'rh', 'g1'],
  ];
  rowsAndUnits(f, rows, () => {
    preActivation(f, 'va', 'xRow', 'huRow', 0);
    preActivation(f, 'vb', 'xRow', 'huRow', 1);
    activate(f, 'va', hard);
    activate(f, 'vb', hard);
    address(f, 'zRow', 0);
    f.emit(f.get('va'), op.store);
    address(f, 'rhRow', 0);
    f.emit(f.get('vb'));
    address(f, 'hRow', 0);
    f.emit(op.load, op.fmul, op.store);
  });
  return f;
}

function gruOutput(): FunctionBuilder {
  const f = new FunctionBuilder(['xh', 'xwStride', 'hu', 'z', 'h', 'seq', 'seqStride', 'n', 'gateBytes']);
  const rows: [string, string, string][] = [
    ['xRow', 'xh', 'xwStride'],
    ['huRow', 'hu', 'g1'],
    ['zRow', 'z', 'g1'],
    ['hRow', 'h', 'g1'],
    ['seqRow', 'seq', 'seqStride'],
  ];
  rowsAndUnits(f, rows, () => {
    preActivation(f, 'va', 'xRow', 'huRow', 0);
    address(f, 'zRow', 0);
    f.emit(op.load, f.set('vb'));
    // h' = z·h + (1 − z)·tanh(a), in `c`.
    f.emit(f.get('vb'));
    address(f, 'hRow', 0);
    f.emit(op.load, op.fmul, splat(1), f.get('vb'), op.fsub);
    tanh(f, 'va');
    f.emit(op.fmul, op.fadd, f.set('vc'));
    storeState(f, 'vc', 'hRow');
  });
  return f;
}

/** The module's exports, in order. */
export const recurrentGateExports = [
  'lstm_hard',
  'lstm_sigmoid',
  'gru_gates_hard',
  'gru_gates_sigmoid',
  'gru_output',
] as const;

/** The module bytes: imports `env.memory` (any size, not shared), exports {@link recurrentGateExports}. */
export function recurrentGatesModule(): Uint8Array<ArrayBuffer> {
  const functions = [lstm(true), lstm(false), gruGates(true), gruGates(false), gruOutput()];
  const types = functions.map((f) => [0x60, ...vector(f.params.flatMap(() => [i32])), 0]);
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const typeSection = section(1, [...uleb(types.length), ...types.flat()]);
  const importSection = section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]);
  const functionSection = section(3, [...uleb(functions.length), ...functions.map((_, i) => i)]);
  const exportSection = section(7, [
    ...uleb(recurrentGateExports.length),
    ...recurrentGateExports.flatMap((id, i) => [...name(id), 0x00, i]),
  ]);
  const codeSection = section(10, [...uleb(functions.length), ...functions.flatMap((f) => f.body())]);
  return new Uint8Array([
    ...header,
    ...typeSection,
    ...importSection,
    ...functionSection,
    ...exportSection,
    ...codeSection,
  ]);
}
