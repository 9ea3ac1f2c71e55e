import type { StepParams } from './stepDefinition';

/** Identifies our pipeline JSON among other JSON files. */
export const PIPELINE_SCHEMA = 'spectralligence.pipeline';
/** Current version of the pipeline JSON schema; bump it and add a migration when it changes. */
export const PIPELINE_SCHEMA_VERSION = 1;

export interface PipelineStepEntry {
  /** Step id in the registry, e.g. `savitzky-golay`. */
  readonly step: string;
  /** Version of the step the parameters were written for. */
  readonly version: number;
  readonly params: StepParams;
  /** A disabled step is kept in the document but skipped. */
  readonly enabled?: boolean;
}

/** A processing pipeline as saved to disk and sent to the worker (versioned JSON). */
export interface PipelineDocument {
  readonly schema: typeof PIPELINE_SCHEMA;
  readonly version: number;
  readonly steps: readonly PipelineStepEntry[];
}

export function pipelineOf(steps: readonly PipelineStepEntry[]): PipelineDocument {
  return { schema: PIPELINE_SCHEMA, version: PIPELINE_SCHEMA_VERSION, steps };
}
