import { describe, expect, it } from 'vitest';
import { applyRunRules, RULE_SETS } from './runRules';

const iso = RULE_SETS['iso7870-2'];
const nordtest = RULE_SETS.nordtest;

/** "rule@index" for every violation. */
function fired(z: readonly number[], rules = iso): string[] {
  return applyRunRules(z, rules).map((v) => `${v.rule}@${v.index}`);
}

describe('ISO 7870-2 tests for special causes', () => {
  it('1: one point beyond 3σ (not at 3σ exactly)', () => {
    expect(fired([0, 3.5, 0, -3.01, 3])).toEqual(['iso-1-beyond-3s@1', 'iso-1-beyond-3s@3']);
  });

  it('5: two of three beyond 2σ on the same side, reported with their points', () => {
    expect(fired([2.5, 0, 2.5])).toEqual(['iso-5-two-of-three-beyond-2s@2']);
    expect(applyRunRules([2.5, 0, 2.5], iso)[0]).toMatchObject({ points: [0, 2], side: 'above' });
    expect(fired([2.5, -2.5, 0.2])).toEqual([]);
    expect(fired([-2.2, -2.4])).toEqual(['iso-5-two-of-three-beyond-2s@1']);
    expect(fired([2.5, 0, 0, 2.5])).toEqual([]);
  });

  it('2: nine in a row on one side fires at the ninth and each later one', () => {
    expect(fired(Array(8).fill(0.5))).toEqual([]);
    expect(fired(Array(10).fill(-0.5))).toEqual(['iso-2-nine-same-side@8', 'iso-2-nine-same-side@9']);
    expect(fired([...Array(4).fill(0.5), 0, ...Array(4).fill(0.5)])).toEqual([]);
  });

  it('3: six in a row steadily increasing or decreasing; a tie breaks the trend', () => {
    const up = [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5];
    expect(fired(up)).toEqual(['iso-3-six-trend@5']);
    expect(applyRunRules(up, iso)[0]).toMatchObject({ direction: 'up', points: [0, 1, 2, 3, 4, 5] });
    expect(fired([...up].reverse())).toEqual(['iso-3-six-trend@5']);
    expect(fired(up.slice(1))).toEqual([]);
    expect(fired([-0.5, -0.3, -0.1, -0.1, 0.3, 0.5])).toEqual([]);
  });

  it('4: fourteen in a row alternating up and down', () => {
    const saw = Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? 0.1 : -0.1));
    expect(fired(saw)).toEqual(['iso-4-fourteen-alternating@13']);
    expect(fired(saw.slice(1))).toEqual([]);
  });

  it('6: four of five beyond 1σ on the same side', () => {
    expect(fired([1.5, 1.5, 0, 1.5, 1.5])).toEqual(['iso-6-four-of-five-beyond-1s@4']);
    expect(fired([1.5, 1.5, 0, 1.5, -1.5])).toEqual([]);
  });

  it('7: fifteen in a row within 1σ', () => {
    const pattern = [0.1, 0.2, 0.3, -0.1, -0.2, -0.3];
    const hugging = Array.from({ length: 15 }, (_, i) => pattern[i % 6] as number);
    expect(fired(hugging)).toEqual(['iso-7-fifteen-within-1s@14']);
    expect(fired(hugging.slice(1))).toEqual([]);
  });

  it('8: eight in a row beyond 1σ on either side', () => {
    const mixture = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? 1.5 : -1.5));
    expect(fired(mixture)).toEqual(['iso-8-eight-outside-1s@7']);
    expect(fired(mixture.slice(1))).toEqual([]);
  });

  it('stays silent on an in-control sequence', () => {
    expect(fired([0.3, -1.2, 0.8, -0.4, 1.7, -0.9, 0.2, 0.6, -1.5, 0.1, -0.2, 1.1])).toEqual([]);
  });
});

describe('Nordtest rule set', () => {
  it('fires on ten of eleven on one side where ISO test 2 does not', () => {
    const z = [...Array(5).fill(0.5), -0.5, ...Array(5).fill(0.5)];
    expect(fired(z, nordtest)).toEqual(['nt-ten-of-eleven-same-side@10']);
    expect(fired(z, iso)).toEqual([]);
  });

  it('needs seven points for a trend, and keeps the action and two-of-three rules', () => {
    const up = [-0.6, -0.4, -0.2, 0, 0.2, 0.4];
    expect(fired(up, nordtest)).toEqual([]);
    expect(fired([...up, 0.6], nordtest)).toEqual(['nt-seven-trend@6']);
    expect(fired([0, 3.2, 2.1, 0, 2.5], nordtest)).toEqual([
      'nt-action-limit@1',
      'nt-two-of-three-warning@2',
      'nt-two-of-three-warning@4',
    ]);
  });
});
