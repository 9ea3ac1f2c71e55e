import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Spectrum } from '../../../core';

/**
 * Test support for the Ocean Optics and Avantes readers: the vendor fixtures of the shared folder
 * (GPL ≥ 2 packages lightr and photobiologyInOut: read from ../shared, never copied; the tests that
 * need them skip with a message when it is absent) and small helpers. Only tests import it.
 */

/** Root of the shared vendor fixtures (`../shared/fixtures/optical/vendor`). */
export const VENDOR = path.resolve(process.cwd(), '../shared/fixtures/optical/vendor');

/** True when the shared vendor fixtures are there. */
export const haveVendor = existsSync(VENDOR);

/** Logs once per test file that the GPL fixture tests are skipped. */
export function warnWithoutVendor(what: string): void {
  if (!haveVendor) console.warn(`${what}: ${VENDOR} is missing, the tests on the GPL vendor fixtures are skipped`);
}

/** The bytes of a shared vendor fixture (empty when the shared folder is absent: tests skip). */
export function vendorBytes(relative: string): Uint8Array {
  return haveVendor ? new Uint8Array(readFileSync(path.join(VENDOR, relative))) : new Uint8Array();
}

/** The bytes of a fixture copied into the repository (`test/fixtures/…`). */
export function repoFixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(path.resolve(process.cwd(), 'test/fixtures', relative)));
}

/** Every file under `root` (recursively), as absolute paths; none when `root` is absent. */
export function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Latin-1 / Windows-1252 bytes of a text (every character below 256). */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/** The spectrum with `meta.role === role` (throws when there is none). */
export function byRole(spectra: readonly Spectrum[], role: string): Spectrum {
  const found = spectra.find((s) => s.meta.role === role);
  if (found === undefined) throw new Error(`no spectrum with role ${role}`);
  return found;
}

/** Largest |a − b| over two arrays of the same length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}
