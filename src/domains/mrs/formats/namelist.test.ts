import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fortranFieldWidth, fortranReal, readFortranReals, readNamelistGroup } from './namelist';
import { errorFor } from './vendorTestSupport';

const CONTROL = new URL('../../../../test/fixtures/mrs/basis_sets/basis_siemens_steam5.control', import.meta.url);

describe('fortranReal', () => {
  it('reads E, D, letter-less exponents and bare points; refuses what Number would wrongly accept', () => {
    expect(fortranReal('2.67478E+02')).toBe(267.478);
    expect(fortranReal('-1.0D-3')).toBe(-0.001);
    expect(fortranReal('1.23456+100')).toBe(1.23456e100);
    expect(fortranReal('.5')).toBe(0.5);
    expect(fortranReal('5.')).toBe(5);
    for (const bad of ['', 'Infinity', '0x10', '1e', 'NaN', '1,5']) expect(fortranReal(bad)).toBeNaN();
  });

  it('finds the field width of a format', () => {
    expect(fortranFieldWidth('(8E13.5)')).toBe(13);
    expect(fortranFieldWidth('(2E15.6)')).toBe(15);
    expect(fortranFieldWidth(' (1P6E13.5) ')).toBe(13);
    expect(fortranFieldWidth('(2(1X,E14.6))')).toBeUndefined();
    expect(fortranFieldWidth(undefined)).toBeUndefined();
  });
});

describe('readNamelistGroup', () => {
  it('reads the LCModel challenge header: two groups on two lines, values after the closing $END', () => {
    const text = " $NMID ID='dataset1', FMTDAT='(8E13.5)'\n TRAMP=1, VOLUME=1 $END\n  1.0 2.0\n";
    const group = readNamelistGroup(text, 0, 'a.raw');
    expect(group?.name).toBe('NMID');
    expect(Object.fromEntries(group?.values ?? [])).toEqual({
      ID: 'dataset1',
      FMTDAT: '(8E13.5)',
      TRAMP: 1,
      VOLUME: 1,
    });
    expect(text.slice(group?.end)).toBe('\n  1.0 2.0\n');
    expect(readNamelistGroup(text, group?.end ?? 0, 'a.raw')).toBeUndefined();
  });

  it('reads a real control file: arrays, indexed keys, logicals, strings with quotes and parentheses', () => {
    const group = readNamelistGroup(readFileSync(CONTROL, 'utf8'), 0, 'c.control');
    const values = group?.values;
    expect(group?.name).toBe('LCMODL');
    expect(values?.get('DELTAT')).toBe(2.5e-4);
    expect(values?.get('HZPPPM')).toBe(297.05);
    expect(values?.get('SHIFMX')).toEqual([0.3, 0.3]);
    expect(values?.get('CHOMIT(5)')).toBe('Ace');
    expect(values?.get('DOWS')).toBe(true);
    expect(String(values?.get('TITLE'))).toContain('TR/TE/NS=4500/5/80');
    expect(values?.get('FILCSI_SAV_2')).toMatch(/filcsi_sav_2$/);
  });

  it('reads &NAME … / groups, repeats, doubled quotes and .false.', () => {
    const group = readNamelistGroup("&x a = 3*0.5, b='it''s', c=.false., d=T /", 0, 'n.txt');
    expect(Object.fromEntries(group?.values ?? [])).toEqual({ A: [0.5, 0.5, 0.5], B: "it's", C: false, D: true });
  });

  it('gives TRUNCATED for a missing $END or quote and INVALID_DATA for a value without a key', () => {
    expect(errorFor('n.raw', () => readNamelistGroup(' $NMID ID=1', 0, 'n.raw')).code).toBe('TRUNCATED');
    expect(errorFor('n.raw', () => readNamelistGroup(" $NMID ID='x", 0, 'n.raw')).code).toBe('TRUNCATED');
    expect(errorFor('n.raw', () => readNamelistGroup(' $NMID 5 $END', 0, 'n.raw')).code).toBe('INVALID_DATA');
    expect(errorFor('n.raw', () => readNamelistGroup(' $NMID A=1 $SEQPAR', 0, 'n.raw')).message).toContain('line 1');
  });
});

describe('readFortranReals', () => {
  it('reads blank-separated values and fields that run together in their columns', () => {
    const text = '  1.00000E+00 -2.00000E+00\n-1.23456E+02-4.56789E+01\n';
    const { values } = readFortranReals(text, 0, { width: 12, what: 'data' }, 'd.raw');
    expect(Array.from(values)).toEqual([1, -2, -123.456, -45.6789]);
  });

  it('stops at a count (skipping the rest of the line) or at the next group', () => {
    const text = '1 2 3\n4 5 6\n $BASIS\n';
    expect(Array.from(readFortranReals(text, 0, { count: 4, what: 'd' }, 'd.raw').values)).toEqual([1, 2, 3, 4]);
    const all = readFortranReals(text, 0, { what: 'd' }, 'd.raw');
    expect(all.values).toHaveLength(6);
    expect(text.slice(all.end)).toBe(' $BASIS\n');
  });

  it('refuses too few numbers (before allocating a huge count) and a word among them', () => {
    expect(errorFor('d.raw', () => readFortranReals('1 2', 0, { count: 3, what: 'd' }, 'd.raw')).code).toBe(
      'TRUNCATED',
    );
    expect(errorFor('d.raw', () => readFortranReals('1 2', 0, { count: 1e12, what: 'd' }, 'd.raw')).code).toBe(
      'TRUNCATED',
    );
    const bad = errorFor('d.raw', () => readFortranReals('1 2\n3 x\n', 0, { what: 'd' }, 'd.raw'));
    expect(bad.code).toBe('INVALID_DATA');
    expect(bad.message).toContain('line 2');
  });
});
