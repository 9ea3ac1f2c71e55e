/**
 * Exports a tfjs LayersModel (Sequential or functional, several inputs/outputs, nested models) to
 * an ONNX ModelProto with its weights as initializers, so it can be deployed with onnxruntime in
 * Python, C++ or the browser. Inputs and outputs keep the tfjs (channels-last) shapes; the
 * interior runs channels-first where ONNX needs it (see graphBuilder.ts and README.md).
 */
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { activationConverters } from './activations';
import { basicConverters } from './basicConverters';
import { convConverters } from './convConverters';
import { GraphBuilder, type OnnxValue, type WeightValues } from './graphBuilder';
import { type LayerConverter, type Shape, unsupported } from './layerContext';
import { encodeModel, irVersionFor, type ModelProto, valueInfo } from './onnxProto';
import { recurrentConverters } from './recurrentConverters';
import { spatialConverters } from './spatialConverters';

export type { GraphBuilder, Layout, OnnxValue } from './graphBuilder';
export type { LayerContext, LayerConverter } from './layerContext';

export interface ExportOnnxOptions {
  /** Default-domain opset, 13–21. Default 17. */
  opset?: number;
  /** ModelProto.producer_name. Default 'spectralligence-workbench'. */
  producerName?: string;
  /** ModelProto.doc_string. */
  docString?: string;
  /** Converters for custom layer classes, by `getClassName()`; they take precedence over the built-in ones. */
  converters?: Readonly<Record<string, LayerConverter>>;
}

export const defaultOpset = 17;
export const supportedOpsets = { min: 13, max: 21 } as const;

/** The layer classes the exporter maps, by tfjs class name. */
export const builtInConverters: Readonly<Record<string, LayerConverter>> = {
  ...basicConverters,
  ...activationConverters,
  ...convConverters,
  ...spatialConverters,
  ...recurrentConverters,
};

/**
 * Serialises `model` as an ONNX ModelProto. Reads the weights synchronously (`dataSync`): cheap on
 * the cpu and wasm backends; on webgl/webgpu prefer {@link exportToOnnxAsync}.
 * Throws `WorkbenchError('INVALID_OPTION')` naming the layer for anything it cannot map.
 */
export function exportToOnnx(model: tf.LayersModel, options: ExportOnnxOptions = {}): Uint8Array {
  const weights = new Map(model.weights.map((w) => [w.id, w.read().dataSync() as Float32Array]));
  return buildOnnx(model, weights, options);
}

/** {@link exportToOnnx} with the weights read by `await data()` (no GPU pipeline stall). */
export async function exportToOnnxAsync(model: tf.LayersModel, options: ExportOnnxOptions = {}): Promise<Uint8Array> {
  const values = await Promise.all(model.weights.map((w) => w.read().data() as Promise<Float32Array>));
  const weights = new Map(model.weights.map((w, i) => [w.id, values[i] ?? new Float32Array()]));
  return buildOnnx(model, weights, options);
}

function buildOnnx(model: tf.LayersModel, weights: WeightValues, options: ExportOnnxOptions): Uint8Array {
  const opset = options.opset ?? defaultOpset;
  if (!Number.isInteger(opset) || opset < supportedOpsets.min || opset > supportedOpsets.max) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `opset must be an integer in [${supportedOpsets.min}, ${supportedOpsets.max}], got ${opset}`,
    );
  }
  const nonFloat = model.weights.find((w) => w.dtype !== 'float32');
  if (nonFloat !== undefined)
    throw new WorkbenchError('INVALID_OPTION', `weight ${nonFloat.name} is ${nonFloat.dtype}`);
  const graph = new GraphBuilder(weights, opset);
  const converters = { ...builtInConverters, ...options.converters };
  const single = model.inputs.length === 1;
  const inputs = model.inputs.map((tensor) => {
    if (tensor.dtype !== 'float32') {
      throw new WorkbenchError('INVALID_OPTION', `input ${tensor.name} is ${tensor.dtype}; only float32 exports`);
    }
    const name = graph.uniqueName(tensor.sourceLayer.name);
    const dims = tensor.shape.map((n, axis) => n ?? dimensionName(tensor.shape, axis, single ? '' : `${name}_`));
    return { tensor, value: { name, layout: 'native', shape: tensor.shape } satisfies OnnxValue, dims };
  });
  const values = new Map<number, OnnxValue>(inputs.map(({ tensor, value }) => [tensor.id, value]));
  // Output names first, so that they stay the layers' names and inner values take the suffixes.
  const outputNames = model.outputs.map((tensor) =>
    graph.uniqueName(`${tensor.sourceLayer.name}${tensor.tensorIndex > 0 ? `_${tensor.tensorIndex}` : ''}`),
  );
  const outputs = model.outputs.map((tensor, k) => {
    const value = walk(tensor, values, graph, converters);
    const name = outputNames[k] as string;
    graph.nodes.push({ name, opType: 'Identity', input: [graph.toLayout(value, 'native')], output: [name] });
    return valueInfo(
      name,
      tensor.shape.map((n, axis) => n ?? (axis === 0 ? 'N' : null)),
    );
  });
  const proto: ModelProto = {
    irVersion: irVersionFor(opset),
    opsetImport: [{ domain: '', version: opset }],
    producerName: options.producerName ?? 'spectralligence-workbench',
    producerVersion: `tfjs ${tf.version.tfjs}`,
    docString: options.docString ?? '',
    graph: {
      name: model.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: inputs.map(({ value, dims }) => valueInfo(value.name, dims)),
      output: outputs,
    },
  };
  return encodeModel(proto);
}

/** `N` for the batch, `L` for the length axis of `[N, 1, L, C]` / `[N, L, C]`, `d<axis>` otherwise. */
function dimensionName(shape: Shape, axis: number, prefix: string): string {
  if (axis === 0) return 'N';
  const lengthAxis = shape.length === 4 ? 2 : shape.length === 3 ? 1 : -1;
  return `${prefix}${axis === lengthAxis ? 'L' : `d${axis}`}`;
}

/**
 * The ONNX value of `tensor`, converting the layers that produce it first (depth-first, memoised
 * in `values` by SymbolicTensor id). Nested models are inlined with their own scope.
 */
function walk(
  tensor: tf.SymbolicTensor,
  values: Map<number, OnnxValue>,
  graph: GraphBuilder,
  converters: Readonly<Record<string, LayerConverter>>,
): OnnxValue {
  const known = values.get(tensor.id);
  if (known !== undefined) return known;
  const layer = tensor.sourceLayer;
  const node = layer.inboundNodes[tensor.nodeIndex];
  if (node === undefined || node.inboundLayers.length === 0) {
    throw new WorkbenchError('INVALID_OPTION', `tensor ${tensor.name} is not computed from the model's inputs`);
  }
  const inputs = node.inputTensors.map((t) => walk(t, values, graph, converters));
  const className = layer.getClassName();
  let outputs: OnnxValue[];
  if (layer instanceof tf.LayersModel) {
    // A model used as a layer: map its inputs to ours and walk its own graph.
    const scope = new Map<number, OnnxValue>(layer.inputs.map((t, i) => [t.id, inputs[i] as OnnxValue]));
    outputs = layer.outputs.map((t) => walk(t, scope, graph, converters));
  } else {
    const converter = converters[className] ?? unsupported({ className, layer });
    outputs = converter({
      graph,
      layer,
      className,
      config: layer.getConfig(),
      inputs,
      outputShapes: node.outputTensors.map((t) => t.shape),
    });
  }
  if (outputs.length !== node.outputTensors.length) {
    throw new WorkbenchError('INTERNAL', `converter of ${className} '${layer.name}' gave ${outputs.length} outputs`);
  }
  node.outputTensors.forEach((t, k) => {
    values.set(t.id, outputs[k] as OnnxValue);
  });
  const result = values.get(tensor.id);
  if (result === undefined) throw new WorkbenchError('INTERNAL', `tensor ${tensor.name} not produced by ${layer.name}`);
  return result;
}
