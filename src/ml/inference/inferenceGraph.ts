/**
 * The graph of a tfjs LayersModel flattened for inference (used by `compileForInference`): every
 * layer application in topological order, with the values it reads and writes numbered from 0.
 * Nested models are inlined (each application with its own scope), layers that are the identity
 * at inference are dropped (their output is their input), and anything that is not known to be
 * deterministic in `predict` is refused by name.
 */
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';

/** One layer application: reads `inputs`, writes `outputs` (value numbers). */
export interface GraphNode {
  readonly layer: tf.layers.Layer;
  readonly className: string;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** Shapes of the symbolic inputs (batch axis null). */
  readonly inputShapes: readonly (readonly (number | null)[])[];
}

export interface InferenceGraph {
  /** Value numbers of the model inputs, in `model.inputs` order. */
  readonly inputs: readonly number[];
  /** Value numbers of the model outputs, in `model.outputs` order (an input, if a model passes one through). */
  readonly outputs: readonly number[];
  /** Layer applications in an order where every input is computed before it is read. */
  readonly nodes: readonly GraphNode[];
  /** How many times each value is read (by nodes and as a model output). */
  readonly readers: ReadonlyMap<number, number>;
}

/** Layers that return their (first) input in `predict` (dropout and noise layers act only in training). */
const identityAtInference = new Set([
  'Dropout',
  'SpatialDropout1D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
]);

/**
 * Our Monte-Carlo layers stay in the plan as nodes run by `apply`: the identity (VaeSampling: μ)
 * in plain inference, sampling while `setMcDropoutActive(true)` — so MC passes run compiled too.
 */
const stochasticAtInference = new Set(['McDropout', 'VaeSampling']);

/**
 * Layers whose `predict` output depends only on their inputs and weights, so that running them
 * one by one (or fused) gives `predict`'s result. Others (Embedding, Masking, attention, custom
 * layers) are refused rather than guessed at.
 */
const deterministicLayers = new Set([
  'Activation',
  'Add',
  'Average',
  'AveragePooling1D',
  'AveragePooling2D',
  'BatchNormalization',
  'Concatenate',
  'Conv1D',
  'Conv2D',
  'Conv2DTranspose',
  'Cropping2D',
  'Dense',
  'DepthwiseConv2D',
  'ELU',
  'Flatten',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling1D',
  'GlobalMaxPooling2D',
  'GRU',
  'LayerNormalization',
  'LeakyReLU',
  'LSTM',
  'MaxPooling1D',
  'MaxPooling2D',
  'Maximum',
  'Minimum',
  'Multiply',
  'Permute',
  'PReLU',
  'ReLU',
  'RepeatVector',
  'Reshape',
  'SeparableConv2D',
  'SimpleRNN',
  'Softmax',
  'ThresholdedReLU',
  'UpSampling2D',
  'ZeroPadding2D',
]);

/** Why a layer cannot be compiled, or undefined when it can. */
function refusal(layer: tf.layers.Layer, className: string): string | undefined {
  if (
    !deterministicLayers.has(className) &&
    !identityAtInference.has(className) &&
    !stochasticAtInference.has(className)
  ) {
    return 'not supported';
  }
  if (layer.stateful) return 'stateful';
  return undefined;
}

/** Layers dropped from the plan: their output is their input. */
function isIdentity(className: string): boolean {
  return identityAtInference.has(className);
}

/** Flattens `model` (see the file comment). Throws `WorkbenchError('INVALID_OPTION')` naming a refused layer. */
export function inferenceGraph(model: tf.LayersModel): InferenceGraph {
  let next = 0;
  const nodes: GraphNode[] = [];
  const top = new Map<number, number>();
  const inputs = model.inputs.map((tensor) => {
    const value = next++;
    top.set(tensor.id, value);
    return value;
  });

  const walk = (tensor: tf.SymbolicTensor, scope: Map<number, number>): number => {
    const known = scope.get(tensor.id);
    if (known !== undefined) return known;
    const layer = tensor.sourceLayer;
    const node = layer.inboundNodes[tensor.nodeIndex];
    if (node === undefined || node.inboundLayers.length === 0) {
      throw new WorkbenchError('INVALID_OPTION', `tensor ${tensor.name} is not computed from the model's inputs`);
    }
    const ins = node.inputTensors.map((t) => walk(t, scope));
    const className = layer.getClassName();
    let outs: number[];
    if (layer instanceof tf.LayersModel) {
      const inner = new Map<number, number>(layer.inputs.map((t, i) => [t.id, ins[i] as number]));
      outs = layer.outputs.map((t) => walk(t, inner));
    } else {
      const reason = refusal(layer, className);
      if (reason !== undefined) {
        throw new WorkbenchError(
          'INVALID_OPTION',
          `layer ${className} '${layer.name}' cannot be compiled for inference: ${reason}; use model.predict`,
        );
      }
      if (isIdentity(className)) {
        outs = node.outputTensors.map(() => ins[0] as number);
      } else {
        outs = node.outputTensors.map(() => next++);
        nodes.push({
          layer,
          className,
          inputs: ins,
          outputs: outs,
          inputShapes: node.inputTensors.map((t) => t.shape),
        });
      }
    }
    node.outputTensors.forEach((t, k) => {
      scope.set(t.id, outs[k] as number);
    });
    const result = scope.get(tensor.id);
    if (result === undefined)
      throw new WorkbenchError('INTERNAL', `tensor ${tensor.name} not produced by ${layer.name}`);
    return result;
  };

  const outputs = model.outputs.map((tensor) => walk(tensor, top));
  const readers = new Map<number, number>();
  const read = (value: number) => readers.set(value, (readers.get(value) ?? 0) + 1);
  for (const node of nodes) node.inputs.forEach(read);
  outputs.forEach(read);
  return { inputs, outputs, nodes, readers };
}
