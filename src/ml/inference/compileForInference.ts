/**
 * `compileForInference(model)`: the deterministic `predict` of a tfjs LayersModel as a plan of
 * fused ops. Each conv / dense layer takes in the BatchNormalization (folded into its kernel and
 * bias) and the activation that follow it, so that conv → BN → relu runs as one `FusedConv2D`
 * instead of three kernels; a Conv2DTranspose with kernel = stride [1, s] runs as one matrix
 * product; an LSTM or GRU runs as one pass of XNNPACK products and SIMD gates over the wasm
 * backend's memory (recurrentSequence.ts; LSTM gates in JavaScript on cpu). Dropout-type layers
 * are skipped, every other layer runs as in `predict` (`layer.apply`), and intermediates are freed
 * as soon as their last reader has run. Measured with `npm run bench` (BENCHMARKS.md).
 *
 * Same outputs as `model.predict` up to float rounding (folding reorders a few multiplications).
 * The folded weights are a snapshot: compile again after changing the weights. The compiled
 * object uses the model's layers for the unfused steps: dispose it before the model.
 */
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { foldActivation, foldBatchNorm, foldLinear, materialise } from './foldedLinear';
import { type GraphNode, inferenceGraph } from './inferenceGraph';
import { compileRecurrent } from './recurrentSequence';

export interface CompiledModel {
  /**
   * Runs the plan on one batch (all at once, not in slices of 32 as `predict` does); the caller
   * owns the result. McDropout and VaeSampling run as in `predict` (identity, or sampling while
   * `setMcDropoutActive(true)`, drawing the same seeded masks in the same order), so Monte-Carlo
   * passes run compiled too.
   */
  predict(x: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[];
  /**
   * One line per step: a fused op names the layers folded into it (`Conv2D+BatchNormalization+Activation(relu)`,
   * `Conv2DTranspose(matMul)`, `LSTM(sequence)`, `GRU(sequence)`), a layer run as in `predict` reads
   * `MaxPooling2D (layer)`.
   */
  readonly steps: readonly string[];
  /** Number of layers folded into another layer's fused op. */
  readonly foldedLayers: number;
  /** Frees the folded weights (not the model). */
  dispose(): void;
}

interface Step {
  readonly label: string;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  run(inputs: tf.Tensor[]): tf.Tensor[];
}

const linearClasses = new Set(['Conv1D', 'Conv2D', 'Conv2DTranspose', 'Dense']);
const activationClasses = new Set(['Activation', 'ReLU', 'ELU', 'LeakyReLU']);
const recurrentClasses = new Set(['LSTM', 'GRU']);

/** The layer as `predict` runs it: `apply` on the list of input tensors, no kwargs. */
function layerStep(node: GraphNode): Step {
  return {
    label: `${node.className} (layer)`,
    inputs: node.inputs,
    outputs: node.outputs,
    run: (inputs) => {
      const out = node.layer.apply(inputs) as tf.Tensor | tf.Tensor[];
      return Array.isArray(out) ? out : [out];
    },
  };
}

/**
 * Compiles `model` (Sequential or functional, several inputs/outputs, nested models). Throws
 * `WorkbenchError('INVALID_OPTION')` naming the first layer it does not know to be deterministic
 * at inference (custom layers, Embedding, Masking, stateful RNNs): use `model.predict` for those.
 * Reads the weights with `dataSync`.
 */
export function compileForInference(model: tf.LayersModel): CompiledModel {
  const graph = inferenceGraph(model);
  const readersOf = (value: number) => graph.nodes.filter((n) => n.inputs.includes(value));
  const absorbed = new Set<GraphNode>();
  const ops: { dispose(): void }[] = [];
  const steps: Step[] = [];
  let folded = 0;
  const compileNode = (node: GraphNode) => {
    if (absorbed.has(node)) return;
    const rank = node.inputShapes[0]?.length ?? 0;
    const recurrent = recurrentClasses.has(node.className)
      ? compileRecurrent(node.layer, node.className, node.inputs.length, rank)
      : undefined;
    if (recurrent !== undefined) {
      ops.push(recurrent);
      steps.push({
        label: recurrent.label,
        inputs: node.inputs,
        outputs: node.outputs,
        run: ([x]) => [recurrent.run(x as tf.Tensor)],
      });
      return;
    }
    const linear = linearClasses.has(node.className) ? foldLinear(node.layer, node.className, rank) : undefined;
    if (linear === undefined || node.inputs.length !== 1 || node.outputs.length !== 1) {
      steps.push(layerStep(node));
      return;
    }
    let output = node.outputs[0] as number;
    // Follow the single reader of the output while it can be folded in: BN first, then an activation.
    for (;;) {
      const readers = readersOf(output);
      const next = readers[0];
      if (readers.length !== 1 || graph.readers.get(output) !== 1 || next === undefined) break;
      const nextRank = next.inputShapes[0]?.length ?? 0;
      const ok =
        (next.className === 'BatchNormalization' && foldBatchNorm(linear, next.layer, nextRank)) ||
        (activationClasses.has(next.className) && foldActivation(linear, next.layer, next.className));
      if (!ok) break;
      absorbed.add(next);
      folded += 1;
      output = next.outputs[0] as number;
    }
    const op = materialise(linear);
    ops.push(op);
    steps.push({
      label: linear.parts.join('+'),
      inputs: node.inputs,
      outputs: [output],
      run: ([x]) => [op.run(x as tf.Tensor)],
    });
  };
  try {
    for (const node of graph.nodes) compileNode(node);
  } catch (error) {
    for (const op of ops) op.dispose();
    throw error;
  }
  let disposed = false;

  const predict = (x: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] => {
    if (disposed) throw new WorkbenchError('INVALID_OPTION', 'the compiled model has been disposed');
    const xs = Array.isArray(x) ? x : [x];
    if (xs.length !== graph.inputs.length) {
      throw new WorkbenchError('INVALID_OPTION', `the model takes ${graph.inputs.length} inputs, got ${xs.length}`);
    }
    return runPlan(steps, graph, xs, graph.outputs.length > 1);
  };
  return {
    predict,
    steps: steps.map((s) => s.label),
    foldedLayers: folded,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const op of ops) op.dispose();
    },
  };
}

/**
 * Runs the steps, freeing each intermediate after its last reader; returns the outputs as `predict`
 * would. A layer may return the same tensor twice (an LSTM's output and state h) or return its
 * input (a linear activation), so tensors are counted by object: one is freed when no live value
 * holds it any more, and never when it was fed in.
 */
function runPlan(
  steps: readonly Step[],
  graph: ReturnType<typeof inferenceGraph>,
  xs: tf.Tensor[],
  asList: boolean,
): tf.Tensor | tf.Tensor[] {
  const values = new Map<number, tf.Tensor>();
  const holders = new Map<tf.Tensor, number>();
  const fed = new Set(xs);
  const hold = (value: number, tensor: tf.Tensor) => {
    values.set(value, tensor);
    holders.set(tensor, (holders.get(tensor) ?? 0) + 1);
  };
  const drop = (value: number) => {
    const tensor = values.get(value);
    if (tensor === undefined) return;
    values.delete(value);
    const count = (holders.get(tensor) ?? 1) - 1;
    holders.set(tensor, count);
    if (count <= 0 && !fed.has(tensor)) tensor.dispose();
  };
  const left = new Map(graph.readers);
  graph.inputs.forEach((value, i) => {
    hold(value, xs[i] as tf.Tensor);
  });
  try {
    for (const step of steps) {
      const inputs = step.inputs.map((value) => values.get(value) as tf.Tensor);
      const outputs = tf.tidy(() => step.run(inputs));
      step.outputs.forEach((value, k) => {
        hold(value, outputs[k] as tf.Tensor);
      });
      // Outputs nobody reads (e.g. an RNN state), then inputs whose last reader this was.
      for (const value of step.outputs) if ((left.get(value) ?? 0) === 0) drop(value);
      for (const value of step.inputs) {
        const remaining = (left.get(value) ?? 0) - 1;
        left.set(value, remaining);
        if (remaining === 0) drop(value);
      }
    }
    // A model input passed straight through is cloned: the caller owns every returned tensor.
    const outputs = graph.outputs.map((value) => {
      const out = values.get(value) as tf.Tensor;
      return fed.has(out) ? tf.clone(out) : out;
    });
    return asList ? outputs : (outputs[0] as tf.Tensor);
  } catch (error) {
    for (const tensor of holders.keys()) if (!fed.has(tensor)) tensor.dispose();
    throw error;
  }
}

/**
 * {@link compileForInference}, or null when the model has a layer it does not know (then
 * `model.predict` is the way: same results, slower).
 */
export function tryCompileForInference(model: tf.LayersModel): CompiledModel | null {
  try {
    return compileForInference(model);
  } catch (error) {
    if (error instanceof WorkbenchError && error.code === 'INVALID_OPTION') return null;
    throw error;
  }
}
