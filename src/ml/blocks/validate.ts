/** Guards for block and architecture configs: each throws `INVALID_OPTION` naming the option. */
import { WorkbenchError } from '../../core/errors';

/** Throws unless `value` is an integer ≥ `min` (default 1). */
export function requireInteger(option: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new WorkbenchError('INVALID_OPTION', `${option} must be an integer ≥ ${min}, got ${value}`);
  }
  return value;
}

/** Throws unless every entry of `values` is an integer ≥ 1 and there are at least `minLength` of them. */
export function requireIntegers(option: string, values: readonly number[], minLength = 0): readonly number[] {
  if (!Array.isArray(values) || values.length < minLength) {
    throw new WorkbenchError('INVALID_OPTION', `${option} must list at least ${minLength} sizes`);
  }
  values.forEach((value, i) => {
    requireInteger(`${option}[${i}]`, value);
  });
  return values;
}

/** Throws unless `value` is one of `allowed` (specs come from JSON, so strings are checked at run time). */
export function requireOneOf<T extends string>(option: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new WorkbenchError('INVALID_OPTION', `${option} must be one of ${allowed.join(', ')}, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is a dropout rate in [0, 1). */
export function requireRate(option: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new WorkbenchError('INVALID_OPTION', `${option} must be in [0, 1), got ${value}`);
  }
  return value;
}

/** Throws unless `value` is a finite number ≥ 0. */
export function requireNonNegative(option: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new WorkbenchError('INVALID_OPTION', `${option} must be a finite number ≥ 0, got ${value}`);
  }
  return value;
}

/**
 * Throws unless `length` (spectrum bins) halves `halvings` times without remainder: the decoder of
 * a U-Net or autoencoder doubles the length back, so only multiples of 2^halvings give back `length`.
 * The message names the nearest valid lengths, to pad or crop the spectrum to.
 */
export function requireDivisibleLength(option: string, length: number, halvings: number): number {
  requireInteger(option, length);
  const factor = 2 ** halvings;
  if (length % factor !== 0) {
    const below = Math.floor(length / factor) * factor;
    const above = below + factor;
    throw new WorkbenchError(
      'INVALID_OPTION',
      `${option} = ${length} is not divisible by 2^${halvings} = ${factor} (${halvings} halvings of the length): ` +
        `pad or crop the spectra to ${below > 0 ? `${below} or ` : ''}${above} bins, or use fewer levels`,
    );
  }
  return length;
}

/** `{ name }` for a tfjs layer when a prefix is given, else `{}` (tfjs then makes a unique name). */
export function layerName(prefix: string | undefined, suffix: string): { name?: string } {
  return prefix === undefined ? {} : { name: `${prefix}_${suffix}` };
}
