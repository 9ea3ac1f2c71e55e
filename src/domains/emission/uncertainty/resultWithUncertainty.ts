import { WorkbenchError } from '../../../core';
import type { UncertaintyBudget } from './combinedUncertainty';

/**
 * Uncertainty of one reported result over the measuring range, and its display.
 *
 * The 2017 edition of the Nordtest handbook (NT TR 537 ed. 4, "uncertainty over the measuring
 * range") notes that U is usually roughly constant in concentration units near the low end and
 * roughly proportional to concentration above it, and recommends stating it in two regimes: an
 * absolute U below a level and a relative U from that level up. Here the absolute budget applies
 * below `switchLevel` and the relative one at and above it; by default the switch lies where the two
 * give the same U (U_abs / U_rel), so U(c) = max(U_abs, U_rel·c) is continuous. Either budget alone
 * gives a one-regime model.
 *
 * The displayed U has two significant digits and the value is rounded to the same decimal place
 * (JCGM 100:2008 (GUM) §7.2.6; Eurachem/CITAC CG4 3rd ed., reporting chapter).
 */

/** The laboratory's uncertainty statement for a method over its range. */
export interface MeasuringRangeModel {
  /** Budget in concentration units, for low results. */
  readonly absolute?: UncertaintyBudget;
  /** Budget in fractions, for high results. */
  readonly relative?: UncertaintyBudget;
  /** Level (concentration units) from which the relative budget applies; default U_abs/U_rel. */
  readonly switchLevel?: number;
  /** Results below it are flagged (e.g. the LOQ). */
  readonly loq?: number;
  /** Unit shown after the numbers (e.g. `mg/L`). */
  readonly unit?: string;
}

/** A result with its uncertainty, ready to display. */
export interface ResultWithUncertainty {
  readonly value: number;
  /** Expanded uncertainty, concentration units. */
  readonly U: number;
  readonly uc: number;
  readonly k: number;
  /** U/|value| (NaN at 0). */
  readonly relativeU: number;
  /** Which budget gave U. */
  readonly regime: 'absolute' | 'relative';
  /** The budget's components in concentration units at this value, with their variance shares. */
  readonly components: readonly {
    readonly name: string;
    readonly group: 'Rw' | 'bias';
    readonly u: number;
    readonly share: number;
  }[];
  readonly belowLoq: boolean;
  /** E.g. `12.35 ± 0.87 mg/L (k = 2)`. */
  readonly text: string;
}

/**
 * The level at which the model changes from the absolute to the relative budget.
 * @throws WorkbenchError `INVALID_OPTION` when the model has no budget or budgets on the wrong scale.
 */
export function measuringRangeSwitchLevel(model: MeasuringRangeModel): number {
  const { absolute, relative } = model;
  if (absolute === undefined && relative === undefined) {
    throw new WorkbenchError('INVALID_OPTION', 'the uncertainty model has neither an absolute nor a relative budget');
  }
  if (absolute !== undefined && absolute.scale !== 'absolute') {
    throw new WorkbenchError('INVALID_OPTION', 'the budget given as absolute is on the relative scale');
  }
  if (relative !== undefined && relative.scale !== 'relative') {
    throw new WorkbenchError('INVALID_OPTION', 'the budget given as relative is on the absolute scale');
  }
  if (model.switchLevel !== undefined) return model.switchLevel;
  if (absolute === undefined) return Number.NEGATIVE_INFINITY;
  if (relative === undefined) return Number.POSITIVE_INFINITY;
  return relative.U > 0 ? absolute.U / relative.U : Number.POSITIVE_INFINITY;
}

/**
 * The value with its expanded uncertainty from the model, the budget scaled to this value, and a
 * display string.
 * @throws WorkbenchError `INVALID_DATA` for a non-finite value; `INVALID_OPTION` for an unusable model.
 */
export function resultWithUncertainty(value: number, model: MeasuringRangeModel): ResultWithUncertainty {
  if (!Number.isFinite(value)) throw new WorkbenchError('INVALID_DATA', `the result ${value} is not a finite number`);
  const level = measuringRangeSwitchLevel(model);
  const useRelative = Math.abs(value) >= level;
  const budget = (useRelative ? model.relative : model.absolute) as UncertaintyBudget;
  const factor = useRelative ? Math.abs(value) : 1;
  const U = budget.U * factor;
  const unit = model.unit === undefined ? '' : ` ${model.unit}`;
  return {
    value,
    U,
    uc: budget.uc * factor,
    k: budget.k,
    relativeU: value === 0 ? Number.NaN : U / Math.abs(value),
    regime: useRelative ? 'relative' : 'absolute',
    components: budget.components.map((c) => ({ name: c.name, group: c.group, u: c.u * factor, share: c.share })),
    belowLoq: model.loq !== undefined && value < model.loq,
    text: `${formatWithUncertainty(value, U)}${unit} (k = ${budget.k})`,
  };
}

/** `value ± U` with U to two significant digits and the value to the same decimal place. */
export function formatWithUncertainty(value: number, U: number): string {
  if (!(U > 0) || !Number.isFinite(U)) return `${value} ± ${U}`;
  const rounded = Number(U.toPrecision(2));
  const decimals = 1 - Math.floor(Math.log10(rounded));
  if (decimals >= 0) return `${value.toFixed(decimals)} ± ${rounded.toFixed(decimals)}`;
  const step = 10 ** -decimals;
  return `${Math.round(value / step) * step} ± ${Math.round(rounded / step) * step}`;
}
