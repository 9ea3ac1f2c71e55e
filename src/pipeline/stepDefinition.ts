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

/**
 * A processing step: spectrum in, spectrum out, parameters declared. Steps are pure and run in
 * the engine worker, the CLI and tests alike. `version` changes when the meaning of a parameter
 * or the numerical result changes, so saved pipelines can be migrated or refused.
 */
export interface StepDefinition {
  readonly id: string;
  readonly version: number;
  readonly label: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** Cross-parameter checks beyond each spec's range (returns an error message or null). */
  readonly validate?: (params: StepParams) => string | null;
  readonly apply: (input: Spectrum, params: StepParams, context: StepContext) => Spectrum | Promise<Spectrum>;
}

/** The structured-cloneable part of a step definition (what the UI needs to draw controls). */
export type StepDescription = Omit<StepDefinition, 'apply' | 'validate'>;

export function describeStep(step: StepDefinition): StepDescription {
  return {
    id: step.id,
    version: step.version,
    label: step.label,
    description: step.description,
    params: step.params,
  };
}
