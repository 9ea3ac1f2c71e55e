import { describe, expect, it } from 'vitest';
import { groupTransients } from './groupTransients';
import { BRAIN, fidOfPeaks, transient } from './transientTestSupport';

describe('groupTransients', () => {
  const fid = fidOfPeaks(BRAIN);
  const at = (indices: Record<string, number>, options: { file?: string; role?: 'metabolite' | 'water' } = {}) =>
    transient(fid, indices, options);

  it('groups coils per dynamic and edit, ordered by coil, groups in input order', () => {
    const spectra = [];
    for (const dynamic of [1, 0])
      for (const edit of [0, 1]) for (const coil of [2, 0, 1]) spectra.push(at({ coil, dynamic, edit }));
    const groups = groupTransients(spectra, 'coil');
    expect(groups.map((g) => g.indices)).toEqual([
      { dynamic: 1, edit: 0 },
      { dynamic: 1, edit: 1 },
      { dynamic: 0, edit: 0 },
      { dynamic: 0, edit: 1 },
    ]);
    for (const group of groups) {
      expect(group.positions).toEqual([0, 1, 2]);
      expect(group.members.map((s) => s.meta['index.coil'])).toEqual([0, 1, 2]);
    }
    expect(groupTransients(spectra, 'dynamic')).toHaveLength(6);
  });

  it('keeps files and roles apart, and takes a spectrum without the index as position 0', () => {
    const groups = groupTransients(
      [
        at({ dynamic: 1 }),
        at({ dynamic: 0 }),
        at({ dynamic: 0 }, { role: 'water' }),
        at({ dynamic: 0 }, { file: 'b.nii' }),
        at({}, { file: 'c.nii' }),
      ],
      'dynamic',
    );
    expect(groups.map((g) => g.members.length)).toEqual([2, 1, 1, 1]);
    expect(groups[0]?.positions).toEqual([0, 1]);
    expect(groups[1]?.members[0]?.meta.role).toBe('water');
    expect(groups[3]?.positions).toEqual([0]);
    expect(groups[3]?.indices).toEqual({});
  });

  it('refuses two spectra at one position, mismatched lengths and an empty dimension', () => {
    expect(() => groupTransients([at({ coil: 0 }), at({ coil: 0 })], 'coil')).toThrow(/two spectra at coil 0/);
    const short = transient({ re: fid.re.slice(0, 1024), im: fid.im.slice(0, 1024) }, { coil: 1 });
    expect(() => groupTransients([at({ coil: 0 }), short], 'coil')).toThrow(/1024 points/);
    expect(() => groupTransients([at({})], '')).toThrow(/along/);
  });
});
