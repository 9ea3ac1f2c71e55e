/**
 * The inner loops of the wasm training kernels as one WebAssembly SIMD module (assembled by
 * `wasmSimdAssembler.ts`, loaded over tfjs-backend-wasm's memory by `trainingSimd.ts`). Every
 * pointer and stride is a byte address in that memory; data are row-major float32; "vectors" are
 * groups of 4 float32 (a row of C channels is C/4 vectors, C a multiple of 4). Loops that run
 * `count` times need count ≥ 1 (the callers check). Exports (all return nothing):
 *
 * - `dw_gemm_8` / `dw_gemm_4`(a, aStride, b, bStride, c, cStride, count, rowTiles, colTiles):
 *   C[r, j] += Σ_{p<count} A_p[r]·B_p[j], A_p = a + p·aStride (float32 [4·rowTiles]),
 *   B_p = b + p·bStride (float32 [8·colTiles] or [4·colTiles]), C rows cStride apart. The sum of
 *   one call is formed in registers (4 × 8 or 4 × 4 tiles) from zero and then added to C.
 * - `bn_moments`(x, y, rows, rowBytes, vectors, centre, sum, other): per channel, in blocks of
 *   64 rows summed in float32 and added to float64 totals: sum += Σ (x − centre),
 *   other += Σ (x − centre)² (y unused).
 * - `bn_grad_sums`(x, y, rows, rowBytes, vectors, centre, sum, other): sum += Σ y,
 *   other += Σ y·(x − centre) (y = dy), same blocking.
 * - `bn_normalize`(x, out, rows, vectors, mu, scale, beta): out = (x − mu)·scale + beta per channel.
 * - `bn_grad_dx`(dy, x, dx, rows, vectors, a, b, mu, k): dx = a·dy + b·(x − mu) + k per channel.
 * - `max_pool_grad_add` / `max_pool_grad_set`(x, dxMinusX, dy, count, step, offsets, windowSize,
 *   vectors): for `count` output pixels, window corners `x + i·step`, dy rows `dy + i·16·vectors`;
 *   the window is the int32 byte offsets at `offsets` (row-major, in-bounds positions only). Per
 *   channel the first strictly greatest value (from −∞: NaN and −∞ never win, as tfjs's cpu
 *   kernel) gets dy at the same place in dx (`dxMinusX` = dx − x, in bytes), the others of the
 *   window 0: added to dx (`_add`, for windows that overlap) or stored (`_set`).
 */
import { assembleModule, FunctionBuilder, i32, op, splat, splatInt, v128 } from './wasmSimdAssembler';

const zero = splat(0);

/** C += A·B over `count` positions, in tiles of 4 rows × (4·vectors) columns. */
function dwGemm(exportName: string, vectors: 1 | 2): FunctionBuilder {
  const rowsPerTile = 4;
  const f = new FunctionBuilder(exportName, [
    'a',
    'aStride',
    'b',
    'bStride',
    'c',
    'cStride',
    'count',
    'rowTiles',
    'colTiles',
  ]);
  f.locals(i32, 'rt', 'ct', 'k', 'ap', 'bp', 'aRow', 'cRow', 'bCol', 'cCol', 'cp', 'cTile');
  const acc = Array.from({ length: rowsPerTile * vectors }, (_, i) => `acc${i}`);
  const bs = Array.from({ length: vectors }, (_, i) => `b${i}`);
  f.locals(v128, ...acc, ...bs, 't');
  f.emit(f.get('cStride'), op.i32(rowsPerTile), op.mul, f.set('cTile'));
  f.emit(f.get('a'), f.set('aRow'), f.get('c'), f.set('cRow'), f.get('rowTiles'), f.set('rt'));
  f.repeat('rt', () => {
    f.emit(f.get('b'), f.set('bCol'), f.get('cRow'), f.set('cCol'), f.get('colTiles'), f.set('ct'));
    f.repeat('ct', () => {
      for (const id of acc) f.emit(zero, f.set(id));
      f.emit(f.get('aRow'), f.set('ap'), f.get('bCol'), f.set('bp'), f.get('count'), f.set('k'));
      f.repeat('k', () => {
        bs.forEach((id, v) => {
          f.emit(f.get('bp'), op.load(16 * v), f.set(id));
        });
        for (let r = 0; r < rowsPerTile; r++) {
          f.emit(f.get('ap'), op.loadSplat(4 * r), f.set('t'));
          bs.forEach((id, v) => {
            const sum = acc[r * vectors + v] as string;
            f.emit(f.get(sum), f.get('t'), f.get(id), op.fmul, op.fadd, f.set(sum));
          });
        }
        f.increment('ap', 'aStride');
        f.increment('bp', 'bStride');
      });
      f.emit(f.get('cCol'), f.set('cp'));
      for (let r = 0; r < rowsPerTile; r++) {
        for (let v = 0; v < vectors; v++) {
          const sum = acc[r * vectors + v] as string;
          f.emit(f.get('cp'), f.get('cp'), op.load(16 * v), f.get(sum), op.fadd, op.store(16 * v));
        }
        f.increment('cp', 'cStride');
      }
      f.increment('bCol', 16 * vectors);
      f.increment('cCol', 16 * vectors);
    });
    f.increment('aRow', 4 * rowsPerTile);
    f.increment('cRow', 'cTile');
  });
  return f;
}

/** Rows per float32 partial sum in the channel sums. */
export const sumBlockRows = 64;

/** Adds the float32 lanes of v128 local `id` to the 4 float64 at `pointer`. */
function addToFloat64(f: FunctionBuilder, id: string, pointer: string): void {
  f.emit(f.get(pointer), f.get(pointer), op.load(0), f.get(id), op.promoteLow, op.dadd, op.store(0));
  f.emit(
    f.get(pointer),
    f.get(pointer),
    op.load(16),
    f.get(id),
    f.get(id),
    op.highToLow,
    op.promoteLow,
    op.dadd,
    op.store(16),
  );
}

/**
 * Per-channel sums over rows in blocks: `step` emits the update of v128 locals `s` and `o` from
 * the row at pointers `px` (x) and `py` (y), with the channel's `centre` in `cv`.
 */
function channelSums(exportName: string, step: (f: FunctionBuilder) => void): FunctionBuilder {
  const f = new FunctionBuilder(exportName, ['x', 'y', 'rows', 'rowBytes', 'vectors', 'centre', 'sum', 'other']);
  f.locals(i32, 'left', 'n', 'k', 'j', 'xb', 'yb', 'px', 'py', 'xp', 'yp', 'cp', 'sp', 'op', 'd0');
  f.locals(v128, 's', 'o', 'cv', 'd');
  f.emit(f.get('rows'), f.set('left'), f.get('x'), f.set('xb'), f.get('y'), f.set('yb'));
  f.repeat('left', () => {
    // n = min(left, block); the loop below counts `left` down by n − 1 more.
    f.emit(f.get('left'), op.i32(sumBlockRows), f.get('left'), op.i32(sumBlockRows), op.ltS, op.select, f.set('n'));
    f.emit(f.get('centre'), f.set('cp'), f.get('sum'), f.set('sp'), f.get('other'), f.set('op'));
    f.emit(f.get('xb'), f.set('px'), f.get('yb'), f.set('py'), f.get('vectors'), f.set('j'));
    f.repeat('j', () => {
      f.emit(zero, f.set('s'), zero, f.set('o'), f.get('cp'), op.load(0), f.set('cv'));
      f.emit(f.get('px'), f.set('xp'), f.get('py'), f.set('yp'), f.get('n'), f.set('k'));
      f.repeat('k', () => {
        step(f);
        f.increment('xp', 'rowBytes');
        f.increment('yp', 'rowBytes');
      });
      addToFloat64(f, 's', 'sp');
      addToFloat64(f, 'o', 'op');
      for (const id of ['px', 'py', 'cp']) f.increment(id, 16);
      for (const id of ['sp', 'op']) f.increment(id, 32);
    });
    f.emit(f.get('n'), f.get('rowBytes'), op.mul, f.set('d0'));
    f.increment('xb', 'd0');
    f.increment('yb', 'd0');
    f.emit(f.get('left'), f.get('n'), op.sub, op.i32(1), op.add, f.set('left'));
  });
  return f;
}

function moments(): FunctionBuilder {
  return channelSums('bn_moments', (f) => {
    f.emit(f.get('xp'), op.load(0), f.get('cv'), op.fsub, f.set('d'));
    f.emit(f.get('s'), f.get('d'), op.fadd, f.set('s'));
    f.emit(f.get('o'), f.get('d'), f.get('d'), op.fmul, op.fadd, f.set('o'));
  });
}

function gradSums(): FunctionBuilder {
  return channelSums('bn_grad_sums', (f) => {
    f.emit(f.get('yp'), op.load(0), f.set('d'));
    f.emit(f.get('s'), f.get('d'), op.fadd, f.set('s'));
    f.emit(f.get('o'), f.get('d'), f.get('xp'), op.load(0), f.get('cv'), op.fsub, op.fmul, op.fadd, f.set('o'));
  });
}

/**
 * A per-channel map over rows: `value` pushes the output vector from the pointers `p0`, `p1`, …
 * (inputs) and `q0`, `q1`, … (per-channel parameters); the result is stored at the last data pointer.
 */
function channelMap(
  exportName: string,
  data: readonly string[],
  parameters: readonly string[],
  value: (f: FunctionBuilder) => void,
): FunctionBuilder {
  const f = new FunctionBuilder(exportName, [...data, 'rows', 'vectors', ...parameters]);
  const pointers = data.map((_, i) => `p${i}`);
  const parameterPointers = parameters.map((_, i) => `q${i}`);
  f.locals(i32, 'r', 'j', ...pointers, ...parameterPointers);
  data.forEach((id, i) => {
    f.emit(f.get(id), f.set(pointers[i] as string));
  });
  f.emit(f.get('rows'), f.set('r'));
  f.repeat('r', () => {
    parameters.forEach((id, i) => {
      f.emit(f.get(id), f.set(parameterPointers[i] as string));
    });
    f.emit(f.get('vectors'), f.set('j'));
    f.repeat('j', () => {
      f.emit(f.get(pointers[pointers.length - 1] as string));
      value(f);
      f.emit(op.store(0));
      for (const id of [...pointers, ...parameterPointers]) f.increment(id, 16);
    });
  });
  return f;
}

const load = (f: FunctionBuilder, pointer: string): number[] => [...f.get(pointer), ...op.load(0)];

function normalize(): FunctionBuilder {
  // (x − mu)·scale + beta
  return channelMap('bn_normalize', ['x', 'out'], ['mu', 'scale', 'beta'], (f) => {
    f.emit(load(f, 'p0'), load(f, 'q0'), op.fsub, load(f, 'q1'), op.fmul, load(f, 'q2'), op.fadd);
  });
}

function gradDx(): FunctionBuilder {
  // a·dy + b·(x − mu) + k
  return channelMap('bn_grad_dx', ['dy', 'x', 'dx'], ['a', 'b', 'mu', 'k'], (f) => {
    f.emit(load(f, 'q0'), load(f, 'p0'), op.fmul);
    f.emit(load(f, 'q1'), load(f, 'p1'), load(f, 'q2'), op.fsub, op.fmul, op.fadd, load(f, 'q3'), op.fadd);
  });
}

/** `accumulate`: dx += the routed dy (windows that overlap); else dx = it (each dx in one window at most). */
function maxPoolGrad(exportName: string, accumulate: boolean): FunctionBuilder {
  const f = new FunctionBuilder(exportName, [
    'x',
    'dxMinusX',
    'dy',
    'count',
    'step',
    'offsets',
    'windowSize',
    'vectors',
  ]);
  f.locals(i32, 'xj', 'dyj', 'j', 'w', 'wp', 'k', 'at');
  f.locals(v128, 'best', 'bestAt', 'v', 'm', 'g');
  f.repeat('count', () => {
    f.emit(f.get('x'), f.set('xj'), f.get('dy'), f.set('dyj'), f.get('vectors'), f.set('j'));
    f.repeat('j', () => {
      f.emit(splat(Number.NEGATIVE_INFINITY), f.set('best'), splatInt(-1), f.set('bestAt'));
      f.emit(op.i32(0), f.set('w'), f.get('offsets'), f.set('wp'), f.get('windowSize'), f.set('k'));
      f.repeat('k', () => {
        f.emit(f.get('xj'), f.get('wp'), op.i32Load(0), op.add, op.load(0), f.tee('v'), f.get('best'), op.f32x4Gt);
        f.emit(f.set('m'), f.get('v'), f.get('best'), f.get('m'), op.bitselect, f.set('best'));
        f.emit(f.get('w'), op.i32x4Splat, f.get('bestAt'), f.get('m'), op.bitselect, f.set('bestAt'));
        f.increment('w', 1);
        f.increment('wp', 4);
      });
      f.emit(f.get('dyj'), op.load(0), f.set('g'));
      f.emit(op.i32(0), f.set('w'), f.get('offsets'), f.set('wp'), f.get('windowSize'), f.set('k'));
      f.repeat('k', () => {
        f.emit(f.get('xj'), f.get('dxMinusX'), op.add, f.get('wp'), op.i32Load(0), op.add, f.set('at'));
        f.emit(f.get('at'));
        if (accumulate) f.emit(f.get('at'), op.load(0));
        f.emit(f.get('g'), f.get('bestAt'), f.get('w'), op.i32x4Splat, op.i32x4Eq, op.and);
        if (accumulate) f.emit(op.fadd);
        f.emit(op.store(0));
        f.increment('w', 1);
        f.increment('wp', 4);
      });
      f.increment('xj', 16);
      f.increment('dyj', 16);
    });
    f.increment('x', 'step');
    f.emit(f.get('vectors'), op.i32(16), op.mul, f.get('dy'), op.add, f.set('dy'));
  });
  return f;
}

/** The module's exports. */
export const trainingSimdExports = [
  'dw_gemm_8',
  'dw_gemm_4',
  'bn_moments',
  'bn_grad_sums',
  'bn_normalize',
  'bn_grad_dx',
  'max_pool_grad_add',
  'max_pool_grad_set',
] as const;

/** The module bytes: imports `env.memory`, exports {@link trainingSimdExports}. */
export function trainingSimdModule(): Uint8Array<ArrayBuffer> {
  return assembleModule([
    dwGemm('dw_gemm_8', 2),
    dwGemm('dw_gemm_4', 1),
    moments(),
    gradSums(),
    normalize(),
    gradDx(),
    maxPoolGrad('max_pool_grad_add', true),
    maxPoolGrad('max_pool_grad_set', false),
  ]);
}
