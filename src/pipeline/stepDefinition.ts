import type { Spectrum } from '../core/spectrum';

/** Value types a step parameter may take (JSON-safe, so pipelines serialise). */
export type ParamValue = number | boolean | string;
export type StepParams = Readonly<Record<string, ParamValue>>;

/** Declares one parameter of a step: the UI renders controls and the runner validates from it. */
export type ParamSpec =
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'integer' | 'number';
      readonly default: number;
      readonly min: number;
      readonly max: number;
      readonly step?: number;
      /** Integers only: the value must be odd (window lengths). */
      readonly odd?: boolean;
      readonly unit?: string;
      readonly help?: string;
    }
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'boolean';
      readonly default: boolean;
      readonly help?: string;
    }
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'choice';
      readonly default: string;
      readonly choices: readonly string[];
      readonly help?: string;
    };

/** What a running step may use: a cancel signal and a progress sink (fraction 0..1 of this step). */
export interface StepContext {
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

/** What every step declares, whatever it works on: id, version, labels and parameters. */
export interface StepBase {
  readonly id: string;
  readonly version: number;
  readonly label: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** Cross-parameter checks beyond each spec's range (returns an error message or null). */
  readonly validate?: (params: StepParams) => string | null;
}

/**
 * A processing step: spectrum in, spectrum out, parameters declared. Steps are pure and run in
 * the engine worker, the CLI and tests alike. `version` changes when the meaning of a parameter
 * or the numerical result changes, so saved pipelines can be migrated or refused. `kind` is
 * `spectrum` (or absent: every step written before group steps existed).
 */
export interface StepDefinition extends StepBase {
  readonly kind?: 'spectrum';
  readonly apply: (input: Spectrum, params: StepParams, context: StepContext) => Spectrum | Promise<Spectrum>;
}

/**
 * A group step: all spectra of a run in, a new list out (MRS coil combination, alignment, outlier
 * rejection, averaging, eddy-current correction with the water reference). It may change the
 * number of spectra and their order; `runPipelineGroups` runs it, `runPipeline` refuses it.
 */
export interface GroupStepDefinition extends StepBase {
  readonly kind: 'group';
  readonly applyGroup: (
    spectra: readonly Spectrum[],
    params: StepParams,
    context: StepContext,
  ) => Spectrum[] | Promise<Spectrum[]>;
}

/** Either kind of step, as the registry holds them. */
export type AnyStepDefinition = StepDefinition | GroupStepDefinition;

/** True for a step that works on all spectra together. */
export function isGroupStep(step: AnyStepDefinition): step is GroupStepDefinition {
  return step.kind === 'group';
}

/** The structured-cloneable part of a step definition (what the UI needs to draw controls). */
export interface StepDescription {
  readonly id: string;
  readonly version: number;
  readonly label: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** `spectrum`: one spectrum in, one out; `group`: all spectra of the run in, a new list out. */
  readonly kind: 'spectrum' | 'group';
}

export function describeStep(step: AnyStepDefinition): StepDescription {
  return {
    id: step.id,
    version: step.version,
    label: step.label,
    description: step.description,
    params: step.params,
    kind: isGroupStep(step) ? 'group' : 'spectrum',
  };
}
