import { describe, expect, it } from 'vitest';
import { AsdfError, decodeTuples, decodeXppYY } from './jcampAsdf';

const decode = (text: string, max = 1000) => {
  const lines = text.split('\n');
  return decodeXppYY(lines, 0, lines.length, max);
};
const ys = (text: string): number[] => Array.from(decode(text).y);

describe('decodeXppYY: the ASDF forms (McDonald & Wilks 1988)', () => {
  // The first two lines of jcampconverter's compression-small fixtures: one spectrum, four forms.
  const expected = [-10247, 1201, -5196, 7245, -5777, 5015, -8583, -3100];

  it('AFFN with blanks, PAC with signs as separators, SQZ, DIF+DUP give the same ordinates', () => {
    expect(ys('16383 -10247 1201 -5196 7245\n16379 -5777 5015 -8583 -3100')).toEqual(expected);
    expect(ys('16383-10247+1201-5196+7245\n16379-5777+5015-8583-3100')).toEqual(expected);
    expect(ys('16383a0247A201e196G245\n16379e777E015h583c100')).toEqual(expected);
    // DIF: J1448 = +11448 from −10247 → 1201; the next line repeats 7245 as its Y check.
    expect(ys('16383a0247J1448o397J2441\n16379G245j3022J0792j3598N483')).toEqual(expected);
  });

  it('reports the forms it saw', () => {
    expect(decode('1 2 3').forms).toEqual(['AFFN']);
    expect(decode('1+2-3').forms).toEqual(['PAC']);
    expect([...decode('1A2%S').forms].sort()).toEqual(['DIF', 'DUP', 'SQZ']);
  });

  it('DUP repeats a value, or a difference, counting itself (T = twice, s = 9 times)', () => {
    expect(ys('0 A T')).toEqual([1, 1]);
    expect(ys('0 A J T')).toEqual([1, 2, 3]);
    expect(ys('0 @s')).toEqual(Array(9).fill(0));
    expect(ys('0 A%S1')).toEqual([1, ...Array(11).fill(1)]);
  });

  it('drops the Y check value after a DIF line, and refuses one that differs', () => {
    expect(ys('0 A J J\n3 C J')).toEqual([1, 2, 3, 4]);
    expect(() => decode('0 A J J\n3 D J')).toThrow(/line 2: the Y check value 4 differs from 3/);
    // After a line that does not end in DIF, the first ordinate is data.
    expect(ys('0 A B\n2 B C')).toEqual([1, 2, 2, 3]);
  });

  it('reads exponents, missing values and comments', () => {
    expect(ys('1 1.5E+03 -2e-1')).toEqual([1500, -0.2]);
    expect(ys('1 1.5E3 7')).toEqual([1500, 7]); // AFFN only: E3 is an exponent
    expect(ys('1 A5E3')).toEqual([15, 53]); // ASDF: E3 is SQZ +53
    expect(ys('1 ? 2 $$ a comment 9 9')).toEqual([Number.NaN, 2]);
    expect(decode('12.5 1 2').firstLineX).toBe(12.5);
  });

  it('names the line of a character no form knows, a lone DUP, a DIF with nothing before it', () => {
    expect(() => decode('1 2\n3 4 #')).toThrow(/line 2, column 5: "#" belongs to no data form/);
    expect(() => decode('1 S')).toThrow(/line 1: a repeat count \(DUP\)/);
    expect(() => decode('1 J')).toThrow(/line 1: a difference \(DIF\) with no value before it/);
    expect(() => decode('A 1')).not.toThrow();
    expect(() => decode('J 1')).toThrow(/does not start with an X value/);
    const error = (() => {
      try {
        decode('1 2\n3 +');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AsdfError);
    expect((error as AsdfError).line).toBe(2);
  });

  it('stops at maxPoints, so a hostile DUP count cannot allocate without bound', () => {
    expect(() => decode('0 A S99999999999', 100)).toThrow(/line 1: more than 100 ordinates/);
  });
});

describe('decodeTuples', () => {
  it('reads pairs separated by comma, space or semicolon, several per line, with ? as NaN', () => {
    expect(decodeTuples(['1, 2; 3 4', '5,?'], 0, 2, false)).toEqual([1, 2, 3, 4, 5, Number.NaN]);
  });

  it('reads a decimal comma when asked (Ocean Optics JCAMP in a Spanish locale)', () => {
    expect(decodeTuples(['176,36, 32822,795', '-1,5 2,25'], 0, 2, true)).toEqual([176.36, 32822.795, -1.5, 2.25]);
  });

  it('refuses ASDF letters in a tuple table', () => {
    expect(() => decodeTuples(['1 A2'], 0, 1, false)).toThrow(/line 1, column 3: "A" belongs to no data form/);
  });
});
