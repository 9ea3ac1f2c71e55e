/**
 * Accumulates the ONNX nodes and initializers of one export, hands out unique value names, and
 * tracks the memory layout of every value.
 *
 * Layout: tfjs tensors are channels-last (`[N, …spatial, C]`), ONNX Conv/Pool/Resize/BatchNorm want
 * channels-first (`[N, C, …spatial]`). Each value carries the layout it has in the ONNX graph;
 * a converter asks for the layout it needs with {@link GraphBuilder.toLayout} and a Transpose is
 * inserted only when the layouts differ (and at most once per value and layout). Graph inputs and
 * outputs are channels-last ("native"), so users feed the same arrays as to tfjs.
 */
import { WorkbenchError } from '../../core/errors';
import {
  type Attributes,
  floatTensor,
  int64Tensor,
  type NodeProto,
  type TensorProto,
  toAttributeProtos,
} from './onnxProto';

/** `native`: the tfjs axis order. `channelsFirst`: the last tfjs axis moved to position 1. */
export type Layout = 'native' | 'channelsFirst';

/** A tensor of the ONNX graph. */
export interface OnnxValue {
  readonly name: string;
  readonly layout: Layout;
  /** The tfjs (channels-last) shape, batch first; `null` where unknown (batch, dynamic length). */
  readonly shape: readonly (number | null)[];
}

/** Float32 values of the model's weights, by `LayerVariable.id`. */
export type WeightValues = ReadonlyMap<number, Float32Array>;

/** Axis `j` of the ONNX tensor holds tfjs axis `result[j]`. */
export function layoutOrder(rank: number, layout: Layout): number[] {
  const identity = Array.from({ length: rank }, (_, i) => i);
  if (layout === 'native' || rank < 3) return identity;
  return [0, rank - 1, ...identity.slice(1, rank - 1)];
}

/** Normalises a (possibly negative) tfjs axis and returns the ONNX axis of `value` that holds it. */
export function onnxAxis(value: OnnxValue, tfjsAxis: number): number {
  const rank = value.shape.length;
  const axis = tfjsAxis < 0 ? tfjsAxis + rank : tfjsAxis;
  if (axis < 0 || axis >= rank) throw new WorkbenchError('INTERNAL', `axis ${tfjsAxis} out of range for rank ${rank}`);
  return layoutOrder(rank, value.layout).indexOf(axis);
}

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly names = new Set<string>();
  private readonly transposed = new Map<string, string>();
  private readonly weightNames = new Map<string, string>();

  /**
   * @param weights values of the model's weights
   * @param opset the default-domain opset the graph targets (some converters depend on it)
   */
  constructor(
    private readonly weights: WeightValues,
    readonly opset: number,
  ) {}

  /** A value/initializer name not used yet, derived from `hint`. */
  uniqueName(hint: string): string {
    const base = hint.replace(/[^A-Za-z0-9_./:-]/g, '_') || 'value';
    let name = base;
    for (let k = 1; this.names.has(name); k++) name = `${base}_${k}`;
    this.names.add(name);
    return name;
  }

  /** Adds a node; returns the names of its `outputs` outputs (an empty input name = omitted optional input). */
  node(opType: string, inputs: readonly string[], attributes: Attributes, hint: string, outputs = 1): string[] {
    const outputNames = Array.from({ length: outputs }, (_, k) => this.uniqueName(k === 0 ? hint : `${hint}_${k}`));
    this.nodes.push({
      name: outputNames[0] ?? hint,
      opType,
      input: [...inputs],
      output: outputNames,
      attribute: toAttributeProtos(attributes),
    });
    return outputNames;
  }

  /** Adds a one-output node and returns its output name. */
  op(opType: string, inputs: readonly string[], attributes: Attributes, hint: string): string {
    return this.node(opType, inputs, attributes, hint, 1)[0] as string;
  }

  /** A 1D int64 constant (shapes, pads, axes, repeats). */
  int64(values: readonly number[], hint: string): string {
    const name = this.uniqueName(hint);
    this.initializers.push(int64Tensor(name, values));
    return name;
  }

  /** A float32 constant that is not a model weight (e.g. the ones of a BatchNorm without scale). */
  float(data: Float32Array, dims: readonly number[], hint: string): string {
    const name = this.uniqueName(hint);
    this.initializers.push(floatTensor(name, data, dims));
    return name;
  }

  /**
   * The initializer of a model weight, rearranged by `transform` (e.g. HWIO → OIHW). Cached by
   * variable and `key`, so a layer applied twice (shared weights) stores its weights once.
   */
  weight(
    variable: { readonly id: number; readonly name: string; readonly shape: readonly (number | null)[] },
    key: string,
    transform: (data: Float32Array, shape: readonly number[]) => { data: Float32Array; dims: readonly number[] },
  ): string {
    const cacheKey = `${variable.id}:${key}`;
    const cached = this.weightNames.get(cacheKey);
    if (cached !== undefined) return cached;
    const data = this.weights.get(variable.id);
    if (data === undefined) throw new WorkbenchError('INTERNAL', `no values for weight ${variable.name}`);
    const shape = variable.shape.map((n) => n ?? 1);
    const result = transform(data, shape);
    const name = this.uniqueName(variable.name);
    this.initializers.push(floatTensor(name, result.data, result.dims));
    this.weightNames.set(cacheKey, name);
    return name;
  }

  /** The name of `value` in `layout`, transposing (once per value and layout) if needed. */
  toLayout(value: OnnxValue, layout: Layout): string {
    const rank = value.shape.length;
    if (value.layout === layout || rank < 3) return value.name;
    const key = `${value.name}|${layout}`;
    const cached = this.transposed.get(key);
    if (cached !== undefined) return cached;
    const name = this.transpose(value, layoutOrder(rank, layout), `${value.name}_${layout}`);
    this.transposed.set(key, name);
    return name;
  }

  /** Transposes `value` so that axis `j` of the result holds tfjs axis `tfjsOrder[j]`. */
  transpose(value: OnnxValue, tfjsOrder: readonly number[], hint: string): string {
    const current = layoutOrder(value.shape.length, value.layout);
    const perm = tfjsOrder.map((axis) => current.indexOf(axis));
    if (perm.every((p, j) => p === j)) return value.name;
    return this.op('Transpose', [value.name], { perm: { ints: perm } }, hint);
  }
}

/** Reorders a dense array of `shape` by `perm` (like numpy.transpose). */
export function transposeArray(data: Float32Array, shape: readonly number[], perm: readonly number[]) {
  const rank = shape.length;
  const dims = perm.map((p) => shape[p] ?? 1);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = (inStrides[i + 1] ?? 1) * (shape[i + 1] ?? 1);
  const strides = perm.map((p) => inStrides[p] ?? 0);
  const out = new Float32Array(data.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let source = 0;
    for (let j = 0; j < rank; j++) source += (index[j] ?? 0) * (strides[j] ?? 0);
    out[o] = data[source] ?? 0;
    for (let j = rank - 1; j >= 0; j--) {
      index[j] = (index[j] ?? 0) + 1;
      if ((index[j] ?? 0) < (dims[j] ?? 1)) break;
      index[j] = 0;
    }
  }
  return { data: out, dims };
}
