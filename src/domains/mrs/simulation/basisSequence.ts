import { WorkbenchError } from '../../../core';
import type { SequenceEvent } from './densityMatrixLines';

/**
 * An ideal localisation sequence (hard, instantaneous pulses, no slice profile):
 * - `pulse-acquire`: 90° then acquisition;
 * - `press`: 90° – TE1/2 – 180° – (TE1+TE2)/2 – 180° – TE2/2 – acquisition (Bottomley 1987),
 *   acquisition starting at the echo top, TE = TE1 + TE2;
 * - `steam`: 90° – TE/2 – 90° – TM – 90° – TE/2 – acquisition (Frahm 1989).
 */
export type BasisSequence =
  | { readonly kind: 'pulse-acquire' }
  | { readonly kind: 'press'; readonly te1S: number; readonly te2S: number }
  | { readonly kind: 'steam'; readonly teS: number; readonly tmS: number };

/**
 * The events of {@link BasisSequence} with the coherence pathway its crusher gradients select,
 * as total coherence orders after each pulse (detection reads p = +1, see `densityMatrixLines`):
 * - pulse-acquire: 0 → +1;
 * - PRESS: 0 → +1 → −1 → +1 (each crusher pair around a 180° keeps p_after = −p_before; the
 *   chemical-shift phase +τ1 − (τ1 + τ2) + τ2 cancels at the echo);
 * - STEAM: 0 → −1 → 0 → +1 (the TM spoiler keeps p = 0, i.e. z magnetisation and zero-quantum
 *   coherences, which still evolve during TM; half the signal is lost, the stimulated echo).
 * Pulse phases: excitation about y; PRESS refocusing about x; the last STEAM pulse about −y. With
 * them an uncoupled spin on resonance gives +1 (pulse-acquire, PRESS) and +½ (STEAM), real.
 * @throws WorkbenchError INVALID_OPTION for a negative or non-finite time.
 */
export function sequenceEvents(sequence: BasisSequence): SequenceEvent[] {
  const time = (value: number, what: string): number => {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new WorkbenchError('INVALID_OPTION', `${what} must be a finite time ≥ 0 s (got ${value})`);
    }
    return value;
  };
  const pulse = (flipDeg: number, phaseDeg: number, keepOrder: number): SequenceEvent => ({
    kind: 'pulse',
    flipDeg,
    phaseDeg,
    keepOrder,
  });
  const delay = (seconds: number): SequenceEvent => ({ kind: 'delay', seconds });
  switch (sequence.kind) {
    case 'pulse-acquire':
      return [pulse(90, 90, 1)];
    case 'press': {
      const te1 = time(sequence.te1S, 'TE1');
      const te2 = time(sequence.te2S, 'TE2');
      return [
        pulse(90, 90, 1),
        delay(te1 / 2),
        pulse(180, 0, -1),
        delay((te1 + te2) / 2),
        pulse(180, 0, 1),
        delay(te2 / 2),
      ];
    }
    case 'steam': {
      const te = time(sequence.teS, 'TE');
      const tm = time(sequence.tmS, 'TM');
      return [pulse(90, 90, -1), delay(te / 2), pulse(90, 90, 0), delay(tm), pulse(90, 270, 1), delay(te / 2)];
    }
    default:
      throw new WorkbenchError('INVALID_OPTION', `unknown sequence ${(sequence as { kind: string }).kind}`);
  }
}

/** Echo time of a sequence, s (0 for pulse-acquire). */
export function echoTimeS(sequence: BasisSequence): number {
  if (sequence.kind === 'press') return sequence.te1S + sequence.te2S;
  if (sequence.kind === 'steam') return sequence.teS;
  return 0;
}

/** A short label: `pulse-acquire`, `PRESS TE 30 ms (11 + 19)`, `STEAM TE 20 ms TM 10 ms`. */
export function sequenceLabel(sequence: BasisSequence): string {
  const ms = (s: number) => `${Number((s * 1000).toFixed(3))}`;
  if (sequence.kind === 'press') {
    return `PRESS TE ${ms(sequence.te1S + sequence.te2S)} ms (${ms(sequence.te1S)} + ${ms(sequence.te2S)})`;
  }
  if (sequence.kind === 'steam') return `STEAM TE ${ms(sequence.teS)} ms TM ${ms(sequence.tmS)} ms`;
  return 'pulse-acquire';
}
