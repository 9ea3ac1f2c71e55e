/**
 * The record and block structure of a JCAMP-DX file (optical-notes §4.1; McDonald & Wilks,
 * Appl. Spectrosc. 42 (1988) 151; Lampen et al., Pure Appl. Chem. 71 (1999) 1549):
 * - a labelled data record (LDR) starts with `##LABEL=` at the start of a line and runs to the next
 *   `##`; labels are matched without case, spaces, `-`, `_` and `/` (`DATA TYPE` = `DATATYPE`);
 * - `$$` starts a comment that runs to the end of the line, anywhere;
 * - `##TITLE=` opens a block and `##END=` closes the innermost open one; a `DATA TYPE=LINK` block
 *   holds nested blocks (Ocean Optics: processed, dark, reference; HP ChemStation: two). A `TITLE`
 *   inside an open block that is not a LINK closes that block first (concatenated files).
 */

/** One labelled data record. */
export interface JcampLdr {
  /** The label as written, spaces collapsed (`DATA TYPE`, `.ACQUISITION TIME`, `$NIST SOURCE`). */
  readonly label: string;
  /** Canonical label: upper case without spaces, `-`, `_`, `/` (`DATATYPE`). */
  readonly key: string;
  /** Text after `=` on the label's line, comment removed, trimmed. */
  readonly value: string;
  /** 1-based line number of the `##` line. */
  readonly line: number;
  /** Index (0-based, into the file's lines) of the first line after the label's line. */
  readonly bodyStart: number;
  /** Index one past the record's last line. */
  readonly bodyEnd: number;
}

/** A block: the LDRs between its `##TITLE=` and its `##END=`, and the blocks nested in it. */
export interface JcampBlock {
  readonly ldrs: JcampLdr[];
  readonly children: JcampBlock[];
  /** 1-based line of the block's first LDR. */
  readonly line: number;
  /** An `##END=` closed it (false: the file ended first). */
  ended: boolean;
}

/** The parsed structure of a file: its lines and its top-level blocks. */
export interface JcampFile {
  readonly lines: readonly string[];
  readonly blocks: readonly JcampBlock[];
}

/** Canonical form of a label: `Data_Type` → `DATATYPE`. */
export function canonicalLabel(label: string): string {
  return label.toUpperCase().replace(/[\s\-_/]/g, '');
}

/** The line without its `$$` comment. */
export function stripComment(line: string): string {
  const at = line.indexOf('$$');
  return at < 0 ? line : line.slice(0, at);
}

/** The value of the first LDR of `block` with canonical label `key` (undefined when absent). */
export function ldrValue(ldrs: readonly JcampLdr[], key: string): string | undefined {
  return ldrs.find((ldr) => ldr.key === key)?.value;
}

/**
 * The value of an LDR with its continuation lines joined by single spaces (multi-line text such as
 * `##INSTRUMENT PARAMETERS=`), comments removed, at most `maxLength` characters.
 */
export function fullValue(file: JcampFile, ldr: JcampLdr, maxLength: number): string {
  let text = ldr.value;
  for (let i = ldr.bodyStart; i < ldr.bodyEnd && text.length < maxLength; i++) {
    const more = stripComment(file.lines[i] as string).trim();
    if (more !== '') text = text === '' ? more : `${text} ${more}`;
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Splits the text into lines and LDRs, and the LDRs into (nested) blocks. */
export function readJcampStructure(text: string): JcampFile {
  const lines = text.split(/\r\n|\n|\r/);
  const ldrs: JcampLdr[] = [];
  let open: { label: string; value: string; line: number } | undefined;
  const close = (end: number): void => {
    if (open === undefined) return;
    const key = canonicalLabel(open.label);
    ldrs.push({ label: open.label, key, value: open.value, line: open.line, bodyStart: open.line, bodyEnd: end });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const start = line.search(/\S/);
    if (start < 0 || !line.startsWith('##', start)) continue;
    close(i);
    const rest = line.slice(start + 2);
    const equals = rest.indexOf('=');
    const label = (equals < 0 ? stripComment(rest) : rest.slice(0, equals)).trim().replace(/\s+/g, ' ');
    const value = equals < 0 ? '' : stripComment(rest.slice(equals + 1)).trim();
    open = { label, value, line: i + 1 };
  }
  close(lines.length);
  return { lines, blocks: nestBlocks(ldrs) };
}

function nestBlocks(ldrs: readonly JcampLdr[]): JcampBlock[] {
  const top: JcampBlock[] = [];
  const stack: JcampBlock[] = [];
  const isLink = (block: JcampBlock): boolean =>
    /^LINK$/i.test(ldrValue(block.ldrs, 'DATATYPE') ?? '') || ldrValue(block.ldrs, 'BLOCKS') !== undefined;
  const push = (line: number): JcampBlock => {
    const block: JcampBlock = { ldrs: [], children: [], line, ended: false };
    const parent = stack.at(-1);
    if (parent === undefined) top.push(block);
    else parent.children.push(block);
    stack.push(block);
    return block;
  };
  for (const ldr of ldrs) {
    if (ldr.key === 'TITLE') {
      // A TITLE inside an open block that cannot hold blocks closes it (a missing ##END=).
      while (stack.length > 0 && !isLink(stack.at(-1) as JcampBlock)) stack.pop();
      push(ldr.line).ldrs.push(ldr);
      continue;
    }
    if (ldr.key === 'END') {
      const block = stack.pop();
      if (block !== undefined) block.ended = true;
      continue;
    }
    (stack.at(-1) ?? push(ldr.line)).ldrs.push(ldr);
  }
  return top;
}
