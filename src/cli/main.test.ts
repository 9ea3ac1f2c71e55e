import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { InspectedFile } from './commands/inspect';
import { fakeIo } from './fakeIo.testUtil';
import { main, VERSION } from './main';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const raman = new Uint8Array(readFileSync(new URL('../../test/fixtures/optical/raman_hdpe.csv', import.meta.url)));

const files = { 'raman.csv': raman, 'cut.csv': '1,2\n2,3\n3', 'multi.tsv': 'nm\ta\tb\n400\t1\t2\n401\t3\t4\n' };

describe('spectra inspect --json', () => {
  it('describes every spectrum of a good file, exit 0', async () => {
    const io = fakeIo(files);
    expect(await main(['inspect', 'raman.csv', '--json'], io)).toBe(0);
    const entries = JSON.parse(io.out) as InspectedFile[];
    expect(entries).toEqual([
      {
        file: 'raman.csv',
        format: 'emission-csv',
        domain: 'emission',
        spectra: [
          {
            id: 'raman.csv#0',
            name: 'raman.csv',
            points: 964,
            x: { unit: 'cm-1', quantity: 'wavenumber', min: 301.04, max: 3198.12 },
            y: { unit: 'unknown' },
            complex: false,
            meta: expect.objectContaining({ delimiter: 'comma', headerLines: 1, columnHeader: 'intensity' }),
          },
        ],
      },
    ]);
    expect(io.err).toBe('');
  });

  it('gives an error entry for a bad file, exit 1', async () => {
    const io = fakeIo(files);
    expect(await main(['inspect', '--json', 'cut.csv'], io)).toBe(1);
    expect(JSON.parse(io.out)).toEqual([
      {
        file: 'cut.csv',
        error: {
          code: 'TRUNCATED',
          message: 'line 3 has 1 column, expected 2 — the file looks truncated',
          format: 'Delimited text (CSV, TSV, XY)',
        },
      },
    ]);
  });

  it('keeps argument order for mixed files, exit 1', async () => {
    const io = fakeIo(files);
    const code = await main(['inspect', '--json', 'multi.tsv', 'missing.csv', 'dir/', 'raman.csv'], io);
    expect(code).toBe(1);
    const entries = JSON.parse(io.out) as InspectedFile[];
    expect(entries.map((entry) => entry.file)).toEqual(['multi.tsv', 'missing.csv', 'dir/', 'raman.csv']);
    expect(entries.map((entry) => ('error' in entry ? entry.error.code : entry.spectra.length))).toEqual([
      2,
      'FILE_NOT_READABLE',
      'FILE_NOT_READABLE',
      1,
    ]);
    expect(entries[1]).toMatchObject({ error: { message: 'cannot read the file (no such file)' } });
    expect(entries[2]).toMatchObject({ error: { message: 'cannot read the file (is a directory, not a file)' } });
  });

  it('refuses a file over the size limit without reading it (TOO_LARGE)', async () => {
    const io = fakeIo({ 'raman.csv': raman });
    let reads = 0;
    const readFile = io.readFile;
    const sized = {
      ...io,
      readFile: async (path: string) => {
        reads += 1;
        return readFile(path);
      },
      fileSize: async (path: string) => (path === 'huge.csv' ? 300 * 1024 * 1024 : raman.length),
      stdout: (text: string) => io.stdout(text),
    };
    expect(await main(['inspect', '--json', 'huge.csv', 'raman.csv'], sized)).toBe(1);
    const entries = JSON.parse(io.out) as InspectedFile[];
    expect(entries[0]).toMatchObject({ file: 'huge.csv', error: { code: 'TOO_LARGE' } });
    expect('spectra' in (entries[1] as object)).toBe(true);
    expect(reads).toBe(1);
  });

  it('reads a file named like an option after --', async () => {
    const io = fakeIo({ '--json': 'x,y\n1,2\n2,3\n' });
    expect(await main(['inspect', '--', '--json'], io)).toBe(0);
    expect(io.out).toContain('--json  delimited-text');
  });
});

describe('spectra inspect (text)', () => {
  it('prints a readable line per file and spectrum, errors to stderr', async () => {
    const io = fakeIo(files);
    expect(await main(['inspect', 'raman.csv', 'cut.csv'], io)).toBe(1);
    expect(io.out).toBe(
      'raman.csv  emission-csv  emission  1 spectrum\n' +
        '  raman.csv  964 points  x 301.04 … 3198.12 cm-1  y unknown\n',
    );
    expect(io.err).toBe(
      'cut.csv: Delimited text (CSV, TSV, XY): line 3 has 1 column, expected 2 — the file looks truncated [TRUNCATED]\n',
    );
  });
});

describe('spectra usage', () => {
  it.each([
    [[], /Usage: spectra <command>/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['--frobnicate'], /unknown option "--frobnicate"/],
    [['inspect'], /spectra inspect: no files given/],
    [['inspect', '--jsn', 'a.csv'], /unknown option "--jsn"[\s\S]*Usage: spectra inspect/],
  ])('%j → exit 2 with usage on stderr', async (argv, message) => {
    const io = fakeIo(files);
    expect(await main(argv, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.out).toBe('');
  });

  it('--help, inspect --help and --version print to stdout, exit 0', async () => {
    const help = fakeIo(files);
    expect(await main(['--help'], help)).toBe(0);
    expect(help.out).toMatch(/Commands:\n {2}inspect/);
    const inspectHelp = fakeIo(files);
    expect(await main(['inspect', '--help'], inspectHelp)).toBe(0);
    expect(inspectHelp.out).toMatch(/Usage: spectra inspect <files...> \[--json\]/);
    const version = fakeIo(files);
    expect(await main(['--version'], version)).toBe(0);
    const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(version.out).toBe(`${packageJson.version}\n`);
    expect(VERSION).toBe(packageJson.version);
  });
});

describe('bin/spectra.mjs', () => {
  it('runs inspect --json as a real process', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bin/spectra.mjs', 'inspect', 'test/fixtures/optical/raman_hdpe.csv', '--json'],
      { cwd: repoRoot },
    );
    const entries = JSON.parse(stdout) as InspectedFile[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      file: 'test/fixtures/optical/raman_hdpe.csv',
      format: 'emission-csv',
      spectra: [{ points: 964, x: { unit: 'cm-1', min: 301.04, max: 3198.12 } }],
    });
  });
});
