/**
 * A tiny WebAssembly assembler for the SIMD training kernels (`trainingSimdModule.ts`): functions
 * with named i32 parameters and typed named locals, written as flat byte lists, assembled into a
 * module that imports `env.memory` (tfjs-backend-wasm's heap) and exports every function by name.
 * Opcodes follow the WebAssembly core and fixed-width SIMD specifications
 * (https://webassembly.github.io/spec/core/binary/instructions.html); no toolchain is needed, and
 * a wrong byte shows up as `WebAssembly.validate` failing (tested).
 */

export type Bytes = number[];

/** Value types used here. */
export const i32 = 0x7f;
export const v128 = 0x7b;

/** Unsigned LEB128. */
export function uleb(value: number): Bytes {
  const out: Bytes = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(value: number): Bytes {
  const out: Bytes = [];
  let rest = value | 0;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
    out.push(done ? low : low | 0x80);
    if (done) return out;
  }
}

/** A length-prefixed byte vector, a UTF-8 name, and a module section (id, size, bytes). */
export const vector = (bytes: Bytes): Bytes => [...uleb(bytes.length), ...bytes];
export const name = (text: string): Bytes => vector([...new TextEncoder().encode(text)]);
export const section = (id: number, bytes: Bytes): Bytes => [id, ...uleb(bytes.length), ...bytes];
const simd = (opcode: number): Bytes => [0xfd, ...uleb(opcode)];
/** A memory immediate: alignment (log2 bytes) and a constant byte offset added to the address. */
const memarg = (align: number, offset: number): Bytes => [align, ...uleb(offset)];

/** Instructions; loads and stores take a constant byte offset (default 0). */
export const op = {
  i32: (value: number): Bytes => [0x41, ...sleb(value)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  ltS: [0x48],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  i32Load: (offset = 0): Bytes => [0x28, ...memarg(2, offset)],
  /** select: the first value if the i32 on top is not 0, else the second. */
  select: [0x1b],
  /** v128.load / v128.store (alignment hint 4 bytes: float32 data need not be 16-byte aligned). */
  load: (offset = 0): Bytes => [...simd(0x00), ...memarg(2, offset)],
  store: (offset = 0): Bytes => [...simd(0x0b), ...memarg(2, offset)],
  /** v128.load32_splat: one float32 in all four lanes. */
  loadSplat: (offset = 0): Bytes => [...simd(0x09), ...memarg(2, offset)],
  i32x4Splat: simd(0x11),
  i32x4Eq: simd(0x37),
  f32x4Gt: simd(0x44),
  /** v128.and; v128.bitselect(a, b, mask) = (a & mask) | (b & ~mask). */
  and: simd(0x4e),
  bitselect: simd(0x52),
  /** f32x4.add, .sub, .mul. */
  fadd: simd(0xe4),
  fsub: simd(0xe5),
  fmul: simd(0xe6),
  /** f64x2.add. */
  dadd: simd(0xf0),
  /** f64x2.promote_low_f32x4: lanes 0 and 1 as float64. */
  promoteLow: simd(0x5f),
  /** i8x16.shuffle of two v128 (push the same value twice) that moves float32 lanes 2, 3 to lanes 0, 1. */
  highToLow: [...simd(0x0d), 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15],
};

/** `v128.const` of four equal float32 lanes. */
export function splat(value: number): Bytes {
  const view = new DataView(new ArrayBuffer(16));
  for (let lane = 0; lane < 4; lane++) view.setFloat32(4 * lane, value, true);
  return [0xfd, 0x0c, ...new Uint8Array(view.buffer)];
}

/** `v128.const` of four equal int32 lanes. */
export function splatInt(value: number): Bytes {
  const view = new DataView(new ArrayBuffer(16));
  for (let lane = 0; lane < 4; lane++) view.setInt32(4 * lane, value, true);
  return [0xfd, 0x0c, ...new Uint8Array(view.buffer)];
}

/** A function under construction: named i32 parameters, named locals, one flat list of bytes. */
export class FunctionBuilder {
  private readonly indices = new Map<string, number>();
  private readonly localTypes: number[] = [];
  readonly code: Bytes = [];

  constructor(
    readonly exportName: string,
    readonly params: readonly string[],
  ) {
    params.forEach((p, i) => {
      this.indices.set(p, i);
    });
  }

  /** Declares locals of one type (ignored when already declared). */
  locals(type: number, ...ids: string[]): void {
    for (const id of ids) {
      if (this.indices.has(id)) continue;
      this.indices.set(id, this.params.length + this.localTypes.length);
      this.localTypes.push(type);
    }
  }

  private at(id: string): number {
    const index = this.indices.get(id);
    if (index === undefined) throw new Error(`wasmSimdAssembler: unknown local ${id}`);
    return index;
  }

  get = (id: string): Bytes => [0x20, ...uleb(this.at(id))];
  set = (id: string): Bytes => [0x21, ...uleb(this.at(id))];
  tee = (id: string): Bytes => [0x22, ...uleb(this.at(id))];

  emit(...parts: (Bytes | number)[]): void {
    for (const part of parts) {
      if (typeof part === 'number') this.code.push(part);
      else this.code.push(...part);
    }
  }

  /** `id ← id + value` for an i32 local and an i32 local or constant. */
  increment(id: string, by: string | number): void {
    this.emit(this.get(id), typeof by === 'number' ? op.i32(by) : this.get(by), op.add, this.set(id));
  }

  /**
   * `do { body } while (--counter != 0)`: the body runs `counter` times (the caller makes sure
   * it is at least 1); `counter` is a local the loop counts down.
   */
  repeat(counter: string, body: () => void): void {
    this.emit(op.loop);
    body();
    this.emit(this.get(counter), op.i32(1), op.sub, this.tee(counter), op.brIf(0), op.end);
  }

  /** The code section entry: locals (one group of one per local) and the body. */
  body(): Bytes {
    const declarations = [...uleb(this.localTypes.length), ...this.localTypes.flatMap((type) => [1, type])];
    const content = [...declarations, ...this.code, ...op.end];
    return [...uleb(content.length), ...content];
  }
}

/** The module: imports `env.memory` (any size, not shared), exports each function under its name. */
export function assembleModule(functions: readonly FunctionBuilder[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map(() => i32)), 0]);
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const typeSection = section(1, [...uleb(types.length), ...types.flat()]);
  const importSection = section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]);
  const functionSection = section(3, [...uleb(functions.length), ...functions.flatMap((_, i) => uleb(i))]);
  const exportSection = section(7, [
    ...uleb(functions.length),
    ...functions.flatMap((f, i) => [...name(f.exportName), 0x00, ...uleb(i)]),
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
