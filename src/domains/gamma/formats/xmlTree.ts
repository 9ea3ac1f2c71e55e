import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WorkbenchError } from '../../../core';

/**
 * A parsed XML element, as fast-xml-parser gives it with the options below: an object whose keys
 * are child element names (each an array, since every element may repeat), attributes under
 * `@name`, and text under `#text`; or, for a leaf without attributes, just its text.
 * Namespace prefixes are removed (`<n42:Spectrum>` → `Spectrum`, `<DHS:InterSpec>` → `InterSpec`),
 * which also makes files with undeclared prefixes readable (grs-notes §3.6: InterSpec writes them).
 */
export type XmlNode = string | XmlObject;

/** An element with attributes or children (see {@link XmlNode}). */
export interface XmlObject {
  readonly [key: string]: unknown;
}

/** A parsed document: the name and content of its root element. */
export interface XmlDocument {
  readonly rootName: string;
  readonly root: XmlNode;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: true,
  processEntities: { maxTotalExpansions: 10_000, maxExpandedLength: 100_000 },
  jPath: false,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

/**
 * Checks that `text` is well-formed XML and parses it into a tree.
 * @throws WorkbenchError `TRUNCATED` when the document ends before its elements are closed,
 *   `INVALID_DATA` for any other XML error (with line and column), `NOT_A_SPECTRUM` without a root element.
 */
export function parseXml(text: string, fileName: string): XmlDocument {
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    if (!/<[A-Za-z_]/.test(text)) {
      throw new WorkbenchError('NOT_A_SPECTRUM', 'the file holds no XML element', { file: fileName });
    }
    if (!closesRoot(text)) {
      throw new WorkbenchError(
        'TRUNCATED',
        `the XML ends at line ${countLines(text)} before its root element is closed (${msg})`,
        { file: fileName },
      );
    }
    throw new WorkbenchError('INVALID_DATA', `the XML is not well-formed at line ${line}, column ${col}: ${msg}`, {
      file: fileName,
    });
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WorkbenchError('INVALID_DATA', `the XML cannot be read: ${message}`, { file: fileName, cause: error });
  }
  const top = isObject(parsed) ? Object.keys(parsed) : [];
  const rootName = top[0];
  if (rootName === undefined || !isObject(parsed)) {
    throw new WorkbenchError('NOT_A_SPECTRUM', 'the XML document has no root element', { file: fileName });
  }
  const root = children(parsed, rootName)[0] ?? '';
  return { rootName, root };
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Whether the text ends with the end tag of its first element (or that element closes itself). */
function closesRoot(text: string): boolean {
  const start = /<([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/.exec(
    text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''),
  );
  if (start === null) return false;
  if (start[2] === '/') return true;
  const name = (start[1] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`</${name}\\s*>\\s*$`).test(text);
}

function isObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'string' || isObject(value);
}

/** The child elements called `name` (none when `node` is a text leaf or absent). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!isObject(node) || !Object.hasOwn(node, name)) return [];
  const value = node[name];
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

/** The first child element called `name`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** Follows a path of child element names (first match at each step). */
export function descend(node: XmlNode | undefined, ...path: readonly string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = child(current, name);
  return current;
}

/** The (trimmed) text content of an element; `''` for an element with only children. */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.trim();
  const text = node['#text'];
  return typeof text === 'string' ? text.trim() : typeof text === 'number' ? String(text) : '';
}

/** Text of the first child called `name`, or `undefined` when there is no such child or it is empty. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  const found = child(node, name);
  if (found === undefined) return undefined;
  const text = textOf(found);
  return text === '' ? undefined : text;
}

/** Value of an attribute (namespace prefix removed), or `undefined`. */
export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  if (!isObject(node)) return undefined;
  const key = `@${name}`;
  if (!Object.hasOwn(node, key)) return undefined;
  const value = node[key];
  return typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value);
}

/** Names of the child elements of `node`, in document order of their first appearance. */
export function childNames(node: XmlNode | undefined): string[] {
  if (!isObject(node)) return [];
  return Object.keys(node).filter((key) => !key.startsWith('@') && key !== '#text');
}

/**
 * Every descendant element called `name` (depth first, document order within a parent),
 * not looking inside elements that are themselves called `name`.
 */
export function descendants(node: XmlNode | undefined, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const visit = (current: XmlNode | undefined): void => {
    for (const key of childNames(current)) {
      for (const item of children(current, key)) {
        if (key === name) found.push(item);
        else visit(item);
      }
    }
  };
  visit(node);
  return found;
}
