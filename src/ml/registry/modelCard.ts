import { WorkbenchError } from '../../core/errors';
import type { SpectralDomain } from '../../core/spectrum';
import type { AxisUnit } from '../../core/units';

/** Identifies our model cards among other JSON files. */
export const MODEL_CARD_SCHEMA = 'spectralligence.model-card';
export const MODEL_CARD_VERSION = 1;

/** How a spectrum is scaled before it enters the network. */
/**
 * How a spectrum is scaled before it enters the network. `sqrtMax`: √(max(y, 0)) scaled to a maximum
 * of 1 — the square root stabilises Poisson variance (Anscombe), so counting spectra of 10³ and 10⁶
 * counts look alike to the network and weak peaks are not flattened by strong ones.
 */
export type Normalisation = 'none' | 'max' | 'area' | 'zscore' | 'sqrtMax';

/**
 * What a model accepts. Before inference a spectrum is cropped and resampled onto `length`
 * equally spaced points between `axis.min` and `axis.max` (in `axis.unit`), then normalised; a
 * spectrum that cannot match (wrong domain, range not covered, complex vs real) is refused.
 */
export interface InputContract {
  /** Number of points the network takes. */
  readonly length: number;
  /** Axis range the spectrum must cover. `unit: 'index'` means any axis, resampled by position. */
  readonly axis: { readonly unit: AxisUnit; readonly min: number; readonly max: number };
  readonly normalisation: Normalisation;
  /** 'any' accepts spectra of every domain (toy and generic models). */
  readonly domain: SpectralDomain | 'any';
  readonly complex: boolean;
  /** Scalar side inputs of two-headed models (instrument parameters), in order. */
  readonly scalars?: readonly {
    readonly name: string;
    readonly unit: string;
    readonly min: number;
    readonly max: number;
  }[];
}

/**
 * What a model does. `classification`: one of several mutually exclusive classes (softmax);
 * `multilabel`: any subset of labels at once (a sigmoid per label, e.g. the nuclides present).
 */
export type ModelTask =
  | 'classification'
  | 'multilabel'
  | 'regression'
  | 'denoising'
  | 'reconstruction'
  | 'generation'
  | 'anomaly';

/** One output of a model: a class list for classifiers, a unit for regressors. */
export interface OutputSpec {
  readonly name: string;
  readonly unit?: string;
  readonly classes?: readonly string[];
}

export interface MetricValue {
  readonly name: string;
  readonly value: number;
  /** How far a re-run may differ and still count as reproduced (absolute). */
  readonly tolerance?: number;
}

/** A model card: what the model does, on what it was trained, and how well it works — measured. */
export interface ModelCard {
  readonly schema: typeof MODEL_CARD_SCHEMA;
  readonly version: number;
  readonly id: string;
  readonly name: string;
  readonly task: ModelTask;
  readonly domain: SpectralDomain | 'any';
  readonly summary: string;
  /** The architecture spec the weights belong to (ml/blocks `ArchitectureSpec`). */
  readonly architecture: Readonly<Record<string, unknown>>;
  readonly input: InputContract;
  readonly outputs: readonly OutputSpec[];
  readonly training: {
    readonly generator: string;
    readonly parameters: Readonly<Record<string, unknown>>;
    readonly seed: number;
    readonly sizes: { readonly train: number; readonly validation: number; readonly test: number };
    readonly epochs: number;
    readonly backend: string;
    readonly durationS: number;
    readonly date: string;
    /** The command that reproduces these weights and metrics. */
    readonly command: string;
  };
  readonly metrics: {
    /** The one number the card stands by; a test re-measures it from the shipped weights. */
    readonly headline: MetricValue;
    readonly heldOut: readonly MetricValue[];
    /** Results on real spectra (fixtures), where they exist — including failures. */
    readonly real: readonly { readonly data: string; readonly result: string }[];
  };
  readonly uncertainty: {
    readonly method: 'mc-dropout' | 'none';
    readonly passes: number;
    readonly coverage68?: number;
    readonly coverage95?: number;
  };
  /** Where the model fails or should not be used. Never empty. */
  readonly limitations: readonly string[];
}

const fail = (message: string, file?: string): never => {
  throw new WorkbenchError('INVALID_MODEL', message, file === undefined ? {} : { file });
};

/** Checks the parts of a card that inference relies on; throws INVALID_MODEL naming the field. */
export function validateModelCard(value: unknown, file?: string): ModelCard {
  const card = value as Partial<ModelCard> | null;
  if (card === null || typeof card !== 'object') return fail('the model card is not a JSON object', file);
  if (card.schema !== MODEL_CARD_SCHEMA) return fail(`not a model card (expected schema '${MODEL_CARD_SCHEMA}')`, file);
  if (card.version !== MODEL_CARD_VERSION)
    return fail(`model card version ${String(card.version)} is not supported`, file);
  if (typeof card.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(card.id))
    return fail('card.id must be a lower-case slug', file);
  const input = card.input;
  if (!input || !Number.isInteger(input.length) || input.length < 1)
    return fail('card.input.length must be a positive integer', file);
  if (!input.axis || !(input.axis.max > input.axis.min)) return fail('card.input.axis needs min < max', file);
  if (!['none', 'max', 'area', 'zscore', 'sqrtMax'].includes(input.normalisation))
    return fail(`card.input.normalisation '${String(input.normalisation)}' is unknown`, file);
  if (!Array.isArray(card.outputs) || card.outputs.length === 0)
    return fail('card.outputs must list the outputs', file);
  if (!card.metrics?.headline || !Number.isFinite(card.metrics.headline.value))
    return fail('card.metrics.headline is missing', file);
  if (!Array.isArray(card.limitations) || card.limitations.length === 0)
    return fail('card.limitations must say where the model fails', file);
  return card as ModelCard;
}
