/**
 * Layer rules of ARCHITECTURE.md, checked in CI by `npm run deps:check` (part of `npm test`).
 * Each rule's comment is what a developer sees when they break it.
 */
const pure = '^src/(core|numeric|pipeline|ml|formats|domains)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-nothing',
      comment: 'src/core is the bottom layer: it imports nothing of ours.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'numeric-imports-core-only',
      comment: 'src/numeric may import src/core only.',
      severity: 'error',
      from: { path: '^src/numeric/' },
      to: { path: '^src/', pathNot: '^src/(core|numeric)/' },
    },
    {
      name: 'machinery-imports-core-and-numeric',
      comment: 'src/pipeline, src/ml and src/formats import src/core and src/numeric (and themselves) only.',
      severity: 'error',
      from: { path: '^src/(pipeline|ml|formats)/' },
      to: { path: '^src/', pathNot: ['^src/(core|numeric)/', '^src/$1/'] },
    },
    {
      name: 'domain-imports-pure-layers',
      comment: 'A domain imports core, numeric, pipeline, ml and formats: never app, workers or cli.',
      severity: 'error',
      from: { path: '^src/domains/' },
      to: { path: '^src/(app|workers|cli)/' },
    },
    {
      name: 'no-cross-domain',
      comment: 'A domain never imports another domain.',
      severity: 'error',
      from: { path: '^src/domains/([^/]+)/' },
      to: { path: '^src/domains/', pathNot: '^src/domains/$1/' },
    },
    {
      name: 'workers-and-cli-import-pure-layers',
      comment: 'src/workers and src/cli build on the pure layers; they never import the app (or each other).',
      severity: 'error',
      from: { path: '^src/(workers|cli)/' },
      to: { path: '^src/(app)/' },
    },
    {
      name: 'cli-not-workers',
      comment: 'The CLI runs the pure modules directly, not through the browser worker entries.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/workers/' },
    },
    {
      name: 'nothing-imports-app',
      comment: 'Nothing outside src/app imports src/app.',
      severity: 'error',
      from: { pathNot: '^src/app/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'app-reaches-workers-through-bridge',
      comment: 'The app talks to workers only through src/app/workerBridge; elsewhere it may import their types only.',
      severity: 'error',
      from: { path: '^src/app/', pathNot: '^src/app/workerBridge/' },
      to: { path: '^src/workers/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'app-never-reaches-tfjs',
      comment:
        'The main thread never loads tfjs (not even through another module): inference runs in the engine worker.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '@tensorflow', reachable: true },
    },
    {
      name: 'app-does-not-parse',
      comment:
        'Parsing and domain science run in the worker: the app imports formats and domains for their types only.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(formats|domains)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tfjs-only-in-ml-and-workers',
      comment: 'tfjs is imported only by src/ml (and domain models through it) and by worker entries.',
      severity: 'error',
      from: { path: '^src/(core|numeric|pipeline|formats|cli)/' },
      to: { path: '@tensorflow' },
    },
    {
      name: 'pure-layers-no-ui',
      comment: 'Pure layers never import React, Plotly or zustand.',
      severity: 'error',
      from: { path: pure },
      to: { path: 'node_modules/(react|react-dom|plotly\\.js|react-plotly\\.js|zustand)/' },
    },
    {
      name: 'no-circular',
      comment: 'Circular imports make layering meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    // Runtime graph: type-only imports vanish at compile time, so they cannot load tfjs or cross a layer at run time.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
