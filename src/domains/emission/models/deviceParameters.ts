import { WorkbenchError } from '../../../core/errors';
import type { InputContract } from '../../../ml/registry/modelCard';

/** Where a device reading lies relative to the range a model was trained on. */
export type RangeFlag = 'below' | 'above' | null;

/** The network inputs of a set of device readings, and which readings lie outside training. */
export interface ScaledParameters {
  /** (value − min)/(max − min) per scalar of the contract, in its order. */
  readonly inputs: Float32Array;
  /** Per scalar: `below`/`above` the contract's range, or null inside it. */
  readonly flags: readonly RangeFlag[];
  /** True when any reading is outside its training range: the prediction is an extrapolation. */
  readonly outOfRange: boolean;
}

/**
 * Scales device readings (conductivity, liquid temperature …) for the scalar branch of a
 * two-headed model as its input contract states: each value v of scalar k enters as
 * (v − min_k)/(max_k − min_k), 0 … 1 over the training range, and is flagged `below`/`above` when
 * it lies outside it — the network still answers, but nothing it learnt covers that plasma (the
 * measured error outside the range is in the model card). `values` are in the scalars' units and
 * order (e.g. [log10 σ, T_liq]).
 * @throws WorkbenchError INVALID_OPTION when the contract has no scalars or the count differs, or
 *   a value is not finite.
 */
export function scaleDeviceParameters(values: readonly number[], contract: InputContract): ScaledParameters {
  const scalars = contract.scalars;
  if (scalars === undefined || scalars.length === 0) {
    throw new WorkbenchError('INVALID_OPTION', 'the input contract has no scalar (device parameter) inputs');
  }
  if (values.length !== scalars.length) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `${values.length} device parameters given, the contract takes ${scalars.length} (${scalars.map((s) => s.name).join(', ')})`,
    );
  }
  const inputs = new Float32Array(values.length);
  const flags: RangeFlag[] = [];
  scalars.forEach((scalar, k) => {
    const v = values[k] as number;
    if (!Number.isFinite(v)) throw new WorkbenchError('INVALID_OPTION', `device parameter '${scalar.name}' is ${v}`);
    inputs[k] = (v - scalar.min) / (scalar.max - scalar.min);
    flags.push(v < scalar.min ? 'below' : v > scalar.max ? 'above' : null);
  });
  return { inputs, flags, outOfRange: flags.some((f) => f !== null) };
}
