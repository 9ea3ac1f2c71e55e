// Custom Plotly bundle: core + scatter + heatmap + bar (≈1.5 MB min instead of 4.8 MB for the full
// dist; browser-notes.md §5.2). SVG `scatter` lines, not scattergl: on CPU-only machines WebGL
// is rasterised in software and 10–50× slower for lines (§5.1). `bar` draws the MRS
// concentrations with their CRLB error bars.

import bar from 'plotly.js/lib/bar';
import Plotly from 'plotly.js/lib/core';
import heatmap from 'plotly.js/lib/heatmap';
import scatter from 'plotly.js/lib/scatter';

Plotly.register([scatter, heatmap, bar]);

export default Plotly;
export type { BarData, Data, Layout, PlotlyHTMLElement, PlotRelayoutEvent, ScatterData } from 'plotly.js/lib/core';
