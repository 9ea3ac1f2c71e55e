import { describe, expect, it } from 'vitest';
import type { WorkbenchError } from '../../../core';
import { attribute, child, childNames, children, childText, descendants, parseXml, textOf } from './xmlTree';

const code = (text: string): string => {
  try {
    parseXml(text, 'x.xml');
  } catch (error) {
    expect((error as WorkbenchError).file).toBe('x.xml');
    return (error as WorkbenchError).code;
  }
  return 'ok';
};

describe('parseXml', () => {
  const { rootName, root } = parseXml(
    '<?xml version="1.0"?><!-- c --><n42:Root xmlns:n42="urn:x" a="1"><Item n42:id="i1">one</Item><Item>two &amp; &lt;3&gt; &#65;</Item><DHS:Ext><Inner/></DHS:Ext><Empty/></n42:Root>',
    'x.xml',
  );
  it('removes namespace prefixes, also undeclared ones, and keeps repeated elements in order', () => {
    expect(rootName).toBe('Root');
    expect(attribute(root, 'a')).toBe('1');
    expect(children(root, 'Item').map(textOf)).toEqual(['one', 'two & <3> A']);
    expect(attribute(child(root, 'Item'), 'id')).toBe('i1');
    expect(childNames(root)).toEqual(['Item', 'Ext', 'Empty']);
    expect(descendants(root, 'Inner')).toHaveLength(1);
    expect(childText(root, 'Empty')).toBeUndefined();
    expect(childText(root, 'Missing')).toBeUndefined();
    expect(children('text', 'Item')).toEqual([]);
  });

  it('keeps numbers as text (no numeric conversion of serial numbers such as 001272)', () => {
    expect(childText(parseXml('<a><s>001272</s></a>', 'x.xml').root, 's')).toBe('001272');
  });

  it.each([
    ['<a><b>1</b>', 'TRUNCATED'],
    ['<a><b x="1', 'TRUNCATED'],
    ['<a><b>1</c></a>', 'INVALID_DATA'],
    ['<a><b x="1" x="2"/></a>', 'INVALID_DATA'],
    ['just text', 'NOT_A_SPECTRUM'],
    ['', 'NOT_A_SPECTRUM'],
    ['<a><constructor>1</constructor></a>', 'INVALID_DATA'],
  ])('%s → %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });
});
