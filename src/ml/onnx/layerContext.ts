/**
 * What a per-layer converter receives, and small helpers to read a layer's config and weights.
 * A converter maps one call of a tfjs layer (one inbound node) to ONNX nodes and returns one
 * {@link OnnxValue} per output tensor of that call.
 */
import type * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import type { GraphBuilder, OnnxValue } from './graphBuilder';

export type Shape = readonly (number | null)[];

export interface LayerContext {
  readonly graph: GraphBuilder;
  readonly layer: tf.layers.Layer;
  /** `layer.getClassName()`. */
  readonly className: string;
  /** `layer.getConfig()` (camelCase keys, as in model.json). */
  readonly config: tf.serialization.ConfigDict;
  readonly inputs: readonly OnnxValue[];
  /** tfjs shapes of the outputs of this call, batch first. */
  readonly outputShapes: readonly Shape[];
}

export type LayerConverter = (context: LayerContext) => OnnxValue[];

/** The error for anything the exporter cannot map faithfully; names the layer class and name. */
export function unsupported(context: Pick<LayerContext, 'className' | 'layer'>, why?: string): never {
  const detail = why === undefined ? 'is not supported by the ONNX exporter' : `cannot be exported to ONNX: ${why}`;
  return fail(`layer ${context.className} '${context.layer.name}' ${detail}`);
}

function fail(message: string): never {
  throw new WorkbenchError('INVALID_OPTION', message);
}

/** The single input of a one-input layer. */
export function singleInput(context: LayerContext): OnnxValue {
  const [input] = context.inputs;
  if (input === undefined || context.inputs.length !== 1) unsupported(context, 'expected exactly one input');
  return input;
}

/** The tfjs shape of output `k`. */
export function outputShape(context: LayerContext, k = 0): Shape {
  const shape = context.outputShapes[k];
  if (shape === undefined) throw new WorkbenchError('INTERNAL', `layer ${context.layer.name} has no output ${k}`);
  return shape;
}

/** A value produced by this layer, with the tfjs shape of output `k`. */
export function produced(context: LayerContext, name: string, layout: OnnxValue['layout'], k = 0): OnnxValue {
  return { name, layout, shape: outputShape(context, k) };
}

/** The weight whose name ends in `/${suffix}` (e.g. `kernel`, `bias`, `moving_mean`), if any. */
export function findWeight(context: LayerContext, suffix: string): tf.LayerVariable | undefined {
  return context.layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`) || w.originalName === suffix);
}

export function requireWeight(context: LayerContext, suffix: string): tf.LayerVariable {
  return findWeight(context, suffix) ?? unsupported(context, `weight '${suffix}' not found`);
}

/** A config entry that is a number or an array of `count` numbers (kernelSize, strides, …). */
export function configInts(context: LayerContext, key: string, count: number, fallback?: number): number[] {
  const value = context.config[key];
  if (typeof value === 'number') return new Array<number>(count).fill(value);
  if (value === undefined || value === null) {
    if (fallback !== undefined) return new Array<number>(count).fill(fallback);
  } else if (Array.isArray(value) && value.length === count && value.every((v) => typeof v === 'number')) {
    return value as number[];
  }
  return unsupported(context, `config ${key} = ${JSON.stringify(value)}`);
}

export function configNumber(context: LayerContext, key: string, fallback: number): number {
  const value = context.config[key];
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' ? value : unsupported(context, `config ${key} = ${JSON.stringify(value)}`);
}

export function configString(context: LayerContext, key: string, fallback: string): string {
  const value = context.config[key];
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : unsupported(context, `config ${key} = ${JSON.stringify(value)}`);
}

export function configBoolean(context: LayerContext, key: string, fallback: boolean): boolean {
  const value = context.config[key];
  if (value === undefined || value === null) return fallback;
  return typeof value === 'boolean' ? value : unsupported(context, `config ${key} = ${JSON.stringify(value)}`);
}

/** Refuses `dataFormat: 'channelsFirst'` (the workbench's layers are channels-last). */
export function requireChannelsLast(context: LayerContext): void {
  const format = configString(context, 'dataFormat', 'channelsLast');
  if (format !== 'channelsLast') unsupported(context, `dataFormat ${format}`);
}
