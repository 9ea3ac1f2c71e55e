/**
 * Files of a drop that only serve another one (the `.spar` of a Philips `.sdat` with the same stem,
 * LCModel `.control` files): read as companions, not parsed on their own.
 */
export function companionOnlyFiles(names: readonly string[]): Set<string> {
  const stem = (name: string) => name.replace(/\.[^./\\]+$/, '').toLowerCase();
  const sdatStems = new Set(names.filter((n) => /\.sdat$/i.test(n)).map(stem));
  return new Set(names.filter((n) => /\.control$/i.test(n) || (/\.spar$/i.test(n) && sdatStems.has(stem(n)))));
}
