import type { CliIo } from './main';

/** In-memory files; `dir/` reads like a directory. */
export function fakeIo(files: Record<string, string | Uint8Array>): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    readFile: async (path: string) => {
      if (path.endsWith('/')) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
  };
  return io;
}
