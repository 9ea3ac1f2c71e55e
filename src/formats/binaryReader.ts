import { WorkbenchError } from '../core';

/**
 * Bounds-checked little-endian reads from the bytes of a binary file. Every read past the end
 * throws `TRUNCATED` naming the byte offset and what was being read, so a cut-off file gives a
 * message a scientist can act on rather than a `RangeError` from a DataView.
 */
export class BinaryReader {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  private readonly view: DataView;

  constructor(bytes: Uint8Array, fileName: string) {
    this.bytes = bytes;
    this.fileName = fileName;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throws `TRUNCATED` unless `size` bytes exist at `offset`. `what` names the field for the message. */
  require(offset: number, size: number, what: string): void {
    if (!(Number.isInteger(offset) && offset >= 0 && size >= 0 && offset + size <= this.bytes.length)) {
      throw new WorkbenchError(
        'TRUNCATED',
        `the file ends before ${what} (needs bytes ${offset}…${offset + size - 1}, the file has ${this.bytes.length})`,
        { file: this.fileName },
      );
    }
  }

  uint8(offset: number, what: string): number {
    this.require(offset, 1, what);
    return this.view.getUint8(offset);
  }
  int16(offset: number, what: string): number {
    this.require(offset, 2, what);
    return this.view.getInt16(offset, true);
  }
  uint16(offset: number, what: string): number {
    this.require(offset, 2, what);
    return this.view.getUint16(offset, true);
  }
  int32(offset: number, what: string): number {
    this.require(offset, 4, what);
    return this.view.getInt32(offset, true);
  }
  uint32(offset: number, what: string): number {
    this.require(offset, 4, what);
    return this.view.getUint32(offset, true);
  }
  float32(offset: number, what: string): number {
    this.require(offset, 4, what);
    return this.view.getFloat32(offset, true);
  }
  float64(offset: number, what: string): number {
    this.require(offset, 8, what);
    return this.view.getFloat64(offset, true);
  }
  /** Unsigned 64-bit integer as a number (exact below 2^53). */
  uint64(offset: number, what: string): number {
    this.require(offset, 8, what);
    return Number(this.view.getBigUint64(offset, true));
  }
  int64(offset: number, what: string): number {
    this.require(offset, 8, what);
    return Number(this.view.getBigInt64(offset, true));
  }

  /** `length` bytes as Latin-1 text, cut at the first NUL and trimmed. */
  ascii(offset: number, length: number, what: string): string {
    this.require(offset, length, what);
    let text = '';
    for (let i = offset; i < offset + length; i++) {
      const code = this.bytes[i] as number;
      if (code === 0) break;
      text += String.fromCharCode(code);
    }
    return text.trim();
  }

  /** `count` little-endian uint32 values as floats (counts), after a bounds check for the whole run. */
  uint32Array(offset: number, count: number, what: string): Float64Array {
    this.require(offset, count * 4, what);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.view.getUint32(offset + 4 * i, true);
    return out;
  }

  /** `count` little-endian float32 values, after a bounds check for the whole run. */
  float32Array(offset: number, count: number, what: string): Float64Array {
    this.require(offset, count * 4, what);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.view.getFloat32(offset + 4 * i, true);
    return out;
  }
}
