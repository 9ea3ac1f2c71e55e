/**
 * Thin helpers over the protobufjs classes of `onnx-proto` (ONNX 1.10 schema, IR ≤ 8 enums; newer
 * IR versions only add fields we do not use). Plain objects are encoded directly by the generated
 * `encode` functions, so nothing here instantiates message classes.
 */

import type { onnx as OnnxTypes } from 'onnx-proto';
import onnxProto from 'onnx-proto';
import { WorkbenchError } from '../../core/errors';

// onnx-proto is CommonJS: Node's ESM loader and Vite both give it as the default export, while a
// named `import { onnx }` fails in Node (cjs-module-lexer cannot see `$root.onnx = ...`).
export const { onnx } = onnxProto;

export type NodeProto = OnnxTypes.INodeProto;
export type TensorProto = OnnxTypes.ITensorProto;
export type ValueInfoProto = OnnxTypes.IValueInfoProto;
export type ModelProto = OnnxTypes.IModelProto;
export type AttributeProto = OnnxTypes.IAttributeProto;

/** An attribute value, tagged with its ONNX type (a JS number cannot tell INT from FLOAT). */
export type AttributeValue =
  | { readonly i: number }
  | { readonly f: number }
  | { readonly s: string }
  | { readonly ints: readonly number[] }
  | { readonly floats: readonly number[] }
  | { readonly strings: readonly string[] };

export type Attributes = Readonly<Record<string, AttributeValue>>;

const AttributeType = onnx.AttributeProto.AttributeType;
const DataType = onnx.TensorProto.DataType;
const encoder = new TextEncoder();

/** ONNX raw_data is little-endian; typed arrays use the platform's order (little-endian everywhere we run). */
const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function toAttributeProtos(attributes: Attributes): AttributeProto[] {
  return Object.entries(attributes).map(([name, value]): AttributeProto => {
    if ('i' in value) return { name, type: AttributeType.INT, i: value.i };
    if ('f' in value) return { name, type: AttributeType.FLOAT, f: value.f };
    if ('s' in value) return { name, type: AttributeType.STRING, s: encoder.encode(value.s) };
    if ('ints' in value) return { name, type: AttributeType.INTS, ints: [...value.ints] };
    if ('floats' in value) return { name, type: AttributeType.FLOATS, floats: [...value.floats] };
    return { name, type: AttributeType.STRINGS, strings: value.strings.map((s) => encoder.encode(s)) };
  });
}

function rawBytes(data: Float32Array | BigInt64Array): Uint8Array {
  if (!isLittleEndian) throw new WorkbenchError('INTERNAL', 'ONNX export needs a little-endian platform');
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A float32 initializer; `dims` must multiply to `data.length`. */
export function floatTensor(name: string, data: Float32Array, dims: readonly number[]): TensorProto {
  const size = dims.reduce((product, n) => product * n, 1);
  if (size !== data.length) {
    throw new WorkbenchError('INTERNAL', `tensor ${name}: ${data.length} values for dims [${dims.join(', ')}]`);
  }
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: rawBytes(data) };
}

/** A 1D int64 initializer (shapes, pads, axes). */
export function int64Tensor(name: string, values: readonly number[]): TensorProto {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return { name, dims: [values.length], dataType: DataType.INT64, rawData: rawBytes(data) };
}

/** A float32 tensor value description; `null` dims become `dimParam` strings or unknown dims. */
export function valueInfo(name: string, dims: readonly (number | string | null)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : d === null ? {} : { dimParam: d })),
        },
      },
    },
  };
}

/**
 * The IR version that goes with an opset (onnx/onnx docs/Versioning.md): opsets 13–18 ship with
 * IR 7–8, 19–20 with IR 9, 21–22 with IR 10.
 */
export function irVersionFor(opset: number): number {
  if (opset >= 21) return 10;
  if (opset >= 19) return 9;
  return 8;
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export function decodeModel(bytes: Uint8Array): OnnxTypes.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
