import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};
const root = fileURLToPath(new URL('..', import.meta.url));

async function violations(baseDir: string): Promise<string[]> {
  const { tsConfig: _tsConfig, ...options } = config.options;
  const result = await cruise(['src'], {
    ...options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  } as never);
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('report every forbidden import in a tree built to break them', async () => {
    const found = await violations(`${root}test/dependency-rules`);
    const rules = new Set(found.map((v) => v.split(':')[0]));
    expect([...rules].sort()).toEqual(
      [
        'app-does-not-parse',
        'app-never-reaches-tfjs',
        'core-imports-nothing',
        'no-cross-domain',
        'nothing-imports-app',
        'numeric-imports-core-only',
      ].sort(),
    );
    expect(found).toContain('core-imports-nothing: src/core/bad.ts → src/app/thing.ts');
  });

  it('find nothing in the real source tree', async () => {
    expect(await violations(root)).toEqual([]);
  }, 60_000);
});
