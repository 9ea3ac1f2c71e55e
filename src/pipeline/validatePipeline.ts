import { WorkbenchError } from '../core/errors';
import {
  PIPELINE_SCHEMA,
  PIPELINE_SCHEMA_VERSION,
  type PipelineDocument,
  type PipelineStepEntry,
} from './pipelineDocument';
import { getStep } from './registry';
import type { ParamSpec, ParamValue } from './stepDefinition';

function checkParam(spec: ParamSpec, value: ParamValue | undefined, stepId: string): ParamValue {
  if (value === undefined) return spec.default;
  const where = `step '${stepId}', parameter '${spec.key}'`;
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new WorkbenchError('INVALID_OPTION', `${where}: expected a number, got ${JSON.stringify(value)}`);
      }
      if (spec.kind === 'integer' && !Number.isInteger(value)) {
        throw new WorkbenchError('INVALID_OPTION', `${where}: expected an integer, got ${value}`);
      }
      if (value < spec.min || value > spec.max) {
        throw new WorkbenchError('INVALID_OPTION', `${where}: ${value} is outside ${spec.min}..${spec.max}`);
      }
      if (spec.odd === true && value % 2 === 0) {
        throw new WorkbenchError('INVALID_OPTION', `${where}: must be odd, got ${value}`);
      }
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw new WorkbenchError('INVALID_OPTION', `${where}: expected true or false`);
      return value;
    case 'choice':
      if (typeof value !== 'string' || !spec.choices.includes(value)) {
        throw new WorkbenchError('INVALID_OPTION', `${where}: expected one of ${spec.choices.join(', ')}`);
      }
      return value;
    default: {
      const exhaustive: never = spec;
      return exhaustive;
    }
  }
}

/**
 * Checks a pipeline document against the schema and the step registry, fills in defaults and
 * returns the normalised document. Throws `INVALID_OPTION` naming the step and parameter.
 */
export function validatePipeline(document: unknown): PipelineDocument {
  const doc = document as Partial<PipelineDocument> | null;
  if (doc === null || typeof doc !== 'object' || doc.schema !== PIPELINE_SCHEMA) {
    throw new WorkbenchError('INVALID_OPTION', `not a pipeline document (expected schema '${PIPELINE_SCHEMA}')`);
  }
  if (doc.version !== PIPELINE_SCHEMA_VERSION) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `pipeline schema version ${String(doc.version)} is not supported (this build reads ${PIPELINE_SCHEMA_VERSION})`,
    );
  }
  if (!Array.isArray(doc.steps)) throw new WorkbenchError('INVALID_OPTION', 'pipeline has no steps array');
  const steps = doc.steps.map((entry: PipelineStepEntry): PipelineStepEntry => {
    const step = getStep(entry.step);
    if (entry.version !== step.version) {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `step '${step.id}' was saved as version ${entry.version}; this build has version ${step.version}`,
      );
    }
    const known = new Set(step.params.map((p) => p.key));
    for (const key of Object.keys(entry.params ?? {})) {
      if (!known.has(key)) throw new WorkbenchError('INVALID_OPTION', `step '${step.id}' has no parameter '${key}'`);
    }
    const params: Record<string, ParamValue> = {};
    for (const spec of step.params) params[spec.key] = checkParam(spec, entry.params?.[spec.key], step.id);
    const problem = step.validate?.(params) ?? null;
    if (problem !== null) throw new WorkbenchError('INVALID_OPTION', `step '${step.id}': ${problem}`);
    return { step: step.id, version: step.version, params, enabled: entry.enabled ?? true };
  });
  return { schema: PIPELINE_SCHEMA, version: PIPELINE_SCHEMA_VERSION, steps };
}
