/**
 * Sub-models of a built or loaded model that share its layers (and so its weights): the encoder and
 * decoder of an autoencoder or VAE. A sub-model is made by re-applying the layers between two
 * tensors of the model to a fresh input, so each sub-model holds its own reference on its layers
 * and can be disposed on its own, in any order with the full model (tfjs counts layer references
 * per application).
 */
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';

/** Layer names the autoencoder and VAE builders use, and the splitters look up. */
export const latentLayerNames = {
  /** Dense layer producing the autoencoder's latent vector. */
  latent: 'latent',
  /** Dense layers producing the VAE's posterior mean and log-variance. */
  mean: 'z_mean',
  logVariance: 'z_log_var',
  /** The VAE's `VaeSampling` layer. */
  sample: 'z',
} as const;

function toList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A model from a fresh input shaped like `from` to `outputs`, replaying the layers of the graph in
 * between (node by node, depth first). Throws if an output depends on any other input.
 */
export function replaySubModel(from: tf.SymbolicTensor, outputs: tf.SymbolicTensor[], name: string): tf.LayersModel {
  const input = tf.input({ shape: from.shape.slice(1), name: `${name}_input` });
  const mapped = new Map<number, tf.SymbolicTensor>([[from.id, input]]);
  const visit = (tensor: tf.SymbolicTensor): tf.SymbolicTensor => {
    const done = mapped.get(tensor.id);
    if (done !== undefined) return done;
    const layer = tensor.sourceLayer;
    if (layer.getClassName() === 'InputLayer') {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `${name}: the output depends on ${tensor.name}, not only on ${from.name}`,
      );
    }
    const inputs = toList(layer.getInputAt(tensor.nodeIndex)).map(visit);
    const [single] = inputs;
    const applied = layer.apply(inputs.length === 1 && single !== undefined ? single : inputs);
    const results = toList(applied as tf.SymbolicTensor | tf.SymbolicTensor[]);
    toList(layer.getOutputAt(tensor.nodeIndex)).forEach((original, i) => {
      const result = results[i];
      if (result !== undefined) mapped.set(original.id, result);
    });
    const output = mapped.get(tensor.id);
    if (output === undefined) throw new Error(`${name}: replaying ${layer.name} gave no tensor for ${tensor.name}`);
    return output;
  };
  return tf.model({ inputs: input, outputs: outputs.map(visit), name });
}

/** The output tensor of the named layer in the model's own graph (node 0). */
export function layerOutput(model: tf.LayersModel, layerName: string): tf.SymbolicTensor {
  let layer: tf.layers.Layer;
  try {
    layer = model.getLayer(layerName);
  } catch (cause) {
    throw new WorkbenchError('INVALID_OPTION', `model ${model.name} has no layer named ${layerName}`, { cause });
  }
  const output = layer.getOutputAt(0);
  if (Array.isArray(output)) throw new Error(`layer ${layerName} has several outputs`);
  return output;
}

function onlyInputAndOutput(model: tf.LayersModel): [tf.SymbolicTensor, tf.SymbolicTensor] {
  const [input] = model.inputs;
  const [output] = model.outputs;
  if (input === undefined || output === undefined || model.inputs.length > 1 || model.outputs.length > 1) {
    throw new WorkbenchError('INVALID_OPTION', `model ${model.name} must have one input and one output`);
  }
  return [input, output];
}

/** An encoder and a decoder sharing the weights of a full model. Dispose each one you keep. */
export interface EncoderDecoder {
  /** Autoencoder: `[N, 1, L, C]` → `[N, d]`. VAE: `[N, 1, L, C]` → `[μ, logVar]`, each `[N, d]`. */
  readonly encoder: tf.LayersModel;
  /** `[N, d]` → `[N, 1, L, C]`. */
  readonly decoder: tf.LayersModel;
}

/** Encoder (input → 'latent') and decoder ('latent' → output) of an autoencoder built by `buildAutoencoder1d`. */
export function splitAutoencoder1d(model: tf.LayersModel): EncoderDecoder {
  const [input, output] = onlyInputAndOutput(model);
  const latent = layerOutput(model, latentLayerNames.latent);
  return { encoder: replaySubModel(input, [latent], 'encoder'), decoder: replaySubModel(latent, [output], 'decoder') };
}

/** Encoder (input → [μ, logVar]) and decoder (z → output) of a VAE built by `buildVae1d`. */
export function splitVae1d(model: tf.LayersModel): EncoderDecoder {
  const [input, output] = onlyInputAndOutput(model);
  const mean = layerOutput(model, latentLayerNames.mean);
  const logVariance = layerOutput(model, latentLayerNames.logVariance);
  const sample = layerOutput(model, latentLayerNames.sample);
  return {
    encoder: replaySubModel(input, [mean, logVariance], 'encoder'),
    decoder: replaySubModel(sample, [output], 'decoder'),
  };
}
