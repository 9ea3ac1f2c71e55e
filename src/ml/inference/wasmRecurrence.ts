/**
 * An LSTM or GRU layer on the tfjs wasm backend in one pass over its memory, for
 * `compileForInference`. tfjs-layers runs about 25 kernels per time step (matMuls, split,
 * activations, products), each a trip through the engine; here:
 * 1. x·W + b for every time step is one XNNPACK matrix product (`tf.fused.matMul`);
 * 2. each step calls the backend's compiled `BatchMatMul` (XNNPACK) directly on buffers allocated
 *    once, h·U → hu (GRU: two products, h·U_zr and (r·h)·U_h), with no tensor, no engine call and
 *    no copy to JavaScript;
 * 3. the gates run in a small WebAssembly SIMD module (recurrentGatesWasm.ts) that imports the
 *    backend's memory and updates c and h in place.
 *
 * Relies on tfjs-backend-wasm 4.22 internals: the Emscripten module's `asm.memory` and
 * `_BatchMatMul(aId, aShape*, aRank, bId, bShape*, bRank, transposeA, transposeB, outId)` as its
 * own BatchMatMul kernel calls it. When either is missing, the memory is shared (threaded build)
 * or the engine lacks WebAssembly SIMD, {@link recurrentKernels} returns undefined and the caller
 * takes another path.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { recurrentGateExports, recurrentGatesModule } from './recurrentGatesWasm';
import type { RecurrentPlan } from './recurrentPlan';

/** What this file uses of tfjs-backend-wasm's Emscripten module. */
interface EmscriptenModule {
  readonly asm?: { readonly memory?: unknown };
  readonly HEAPF32: Float32Array;
  readonly HEAP32: Int32Array;
  readonly _BatchMatMul?: (...args: number[]) => void;
}

type GateFunction = (...args: number[]) => void;

export interface RecurrentKernels {
  readonly backend: BackendWasm;
  readonly module: EmscriptenModule;
  readonly matMul: (...args: number[]) => void;
  readonly gates: Readonly<Record<(typeof recurrentGateExports)[number], GateFunction>>;
}

/** Per wasm backend instance: its kernels, or null when they cannot load there. */
const loaded = new WeakMap<object, RecurrentKernels | null>();
let compiled: WebAssembly.Module | null | undefined;

function instantiate(backend: BackendWasm): RecurrentKernels | null {
  const module = backend.wasm as unknown as EmscriptenModule;
  const memory = module.asm?.memory;
  const matMul = module._BatchMatMul;
  if (!(memory instanceof WebAssembly.Memory) || typeof matMul !== 'function') return null;
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return null;
  let instance: WebAssembly.Instance;
  try {
    if (compiled === undefined) {
      const bytes = recurrentGatesModule();
      // No SIMD: invalid. Synchronous compilation is refused on a browser's main thread (over 4 KB).
      compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    }
    if (compiled === null) return null;
    instance = new WebAssembly.Instance(compiled, { env: { memory } });
  } catch {
    return null;
  }
  const gates = Object.fromEntries(
    recurrentGateExports.map((id) => [id, instance.exports[id] as GateFunction]),
  ) as RecurrentKernels['gates'];
  return { backend, module, matMul, gates };
}

/** The kernels on the active backend, or undefined when it is not wasm or they cannot load (see the file comment). */
export function recurrentKernels(): RecurrentKernels | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as BackendWasm;
  let kernels = loaded.get(backend);
  if (kernels === undefined) {
    kernels = instantiate(backend);
    loaded.set(backend, kernels);
  }
  return kernels ?? undefined;
}

/** A buffer on the wasm heap: its tensor id (for `_BatchMatMul`) and byte address. */
interface Buffer {
  readonly info: tf.TensorInfo;
  readonly id: number;
  readonly at: number;
}

/** Heap buffers of one call, all freed by `release` except the one handed out as the result. */
class Scratch {
  private readonly infos: tf.TensorInfo[] = [];
  constructor(private readonly kernels: RecurrentKernels) {}

  /** Zero-filled float32 buffer. */
  floats(shape: number[]): Buffer {
    const info = this.kernels.backend.makeOutput(shape, 'float32');
    this.infos.push(info);
    const buffer = bufferOf(this.kernels, info) as Buffer;
    const start = buffer.at / 4;
    this.kernels.module.HEAPF32.fill(0, start, start + tf.util.sizeFromShape(shape));
    return buffer;
  }

  /** An int32 array (a shape for `_BatchMatMul`); its byte address. */
  ints(values: number[]): number {
    const info = this.kernels.backend.makeOutput([values.length], 'int32');
    this.infos.push(info);
    const at = (bufferOf(this.kernels, info) as Buffer).at;
    this.kernels.module.HEAP32.set(values, at / 4);
    return at;
  }

  release(keep?: tf.TensorInfo): void {
    for (const info of this.infos) if (info !== keep) this.kernels.backend.disposeData(info.dataId);
  }
}

/** Where a tensor's data lives on the wasm heap, or undefined when it lives on another backend. */
function bufferOf(kernels: RecurrentKernels, info: tf.TensorInfo): Buffer | undefined {
  const data = kernels.backend.dataIdMap.get(info.dataId);
  return data === undefined ? undefined : { info, id: data.id, at: data.memoryOffset };
}

/**
 * Runs the layer of `plan` on `x` `[N, T, F]` (float32, on wasm); returns `[N, T, u]` or `[N, u]`
 * (the caller owns it), or undefined when the plan's weights live on another backend.
 */
export function runWasmRecurrent(kernels: RecurrentKernels, plan: RecurrentPlan, x: tf.Tensor): tf.Tensor | undefined {
  const [n, steps, features] = x.shape as [number, number, number];
  const weights = plan.recurrent.map((w) => bufferOf(kernels, w));
  if (weights.some((w) => w === undefined) || steps === 0) return undefined;
  const [u1, u2] = weights as Buffer[];
  const gateCount = plan.cell === 'lstm' ? 4 : 3;
  const u = plan.padded;
  const gateBytes = 4 * u;
  const projected = tf.tidy(() =>
    tf.fused.matMul({
      a: tf.reshape(x, [n * steps, features]),
      b: plan.kernel,
      ...(plan.bias === undefined ? {} : { bias: plan.bias }),
    }),
  );
  const scratch = new Scratch(kernels);
  // The buffer handed out as the result (not freed), when no padding has to be cut off.
  let kept: tf.TensorInfo | undefined;
  try {
    const xw = (bufferOf(kernels, projected) as Buffer).at;
    const xwStride = steps * gateCount * gateBytes;
    const h = scratch.floats([n, u]);
    const sequence = plan.returnSequences ? scratch.floats([n, steps, u]) : undefined;
    const hShape = scratch.ints([1, n, u]);
    const { matMul, gates } = kernels;
    const lstm = plan.hard ? gates.lstm_hard : gates.lstm_sigmoid;
    const gru = plan.hard ? gates.gru_gates_hard : gates.gru_gates_sigmoid;
    const hu = scratch.floats([n, (plan.cell === 'lstm' ? 4 : 2) * u]);
    const u1Shape = scratch.ints([1, u, (plan.cell === 'lstm' ? 4 : 2) * u]);
    const c = scratch.floats([n, u]);
    // GRU only: (r·h)·U_h, z and r·h.
    const hu2 = plan.cell === 'gru' ? scratch.floats([n, u]) : undefined;
    const rh = plan.cell === 'gru' ? scratch.floats([n, u]) : undefined;
    const u2Shape = plan.cell === 'gru' ? scratch.ints([1, u, u]) : 0;
    for (let k = 0; k < steps; k++) {
      const t = plan.goBackwards ? steps - 1 - k : k;
      const row = xw + t * gateCount * gateBytes;
      const seq = sequence === undefined ? 0 : sequence.at + k * gateBytes;
      const seqStride = steps * gateBytes;
      // h = 0 before the first step: hu (and (r·h)·U_h) stay as zero-filled.
      if (k > 0) matMul(h.id, hShape, 3, (u1 as Buffer).id, u1Shape, 3, 0, 0, hu.id);
      if (hu2 === undefined || rh === undefined) {
        lstm(row, xwStride, hu.at, c.at, h.at, seq, seqStride, n, gateBytes);
      } else {
        // c holds z for the GRU.
        gru(row, xwStride, hu.at, h.at, c.at, rh.at, n, gateBytes);
        if (k > 0) matMul(rh.id, hShape, 3, (u2 as Buffer).id, u2Shape, 3, 0, 0, hu2.id);
        gates.gru_output(row + 2 * gateBytes, xwStride, hu2.at, c.at, h.at, seq, seqStride, n, gateBytes);
      }
    }
    const result = sequence ?? h;
    const tensor = outputTensor(kernels, result, plan, [n, ...(sequence === undefined ? [] : [steps])]);
    if (plan.padded === plan.units) kept = result.info;
    return tensor;
  } finally {
    scratch.release(kept);
    projected.dispose();
  }
}

/** The result as a tensor `[...lead, units]`: the buffer itself, or a copy without the padded units. */
function outputTensor(kernels: RecurrentKernels, buffer: Buffer, plan: RecurrentPlan, lead: number[]): tf.Tensor {
  const shape = [...lead, plan.units];
  if (plan.padded === plan.units) return tf.engine().makeTensorFromTensorInfo({ ...buffer.info, shape });
  const out = kernels.backend.makeOutput(shape, 'float32');
  const heap = kernels.module.HEAPF32;
  const to = (bufferOf(kernels, out) as Buffer).at / 4;
  const from = buffer.at / 4;
  const rows = tf.util.sizeFromShape(lead);
  for (let r = 0; r < rows; r++) {
    heap.copyWithin(to + r * plan.units, from + r * plan.padded, from + r * plan.padded + plan.units);
  }
  return tf.engine().makeTensorFromTensorInfo(out);
}
