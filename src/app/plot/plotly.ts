// Custom Plotly bundle: core + scatter + heatmap (≈1.5 MB min instead of 4.8 MB for the full
// dist; browser-notes.md §5.2). SVG `scatter` lines, not scattergl: on CPU-only machines WebGL
// is rasterised in software and 10–50× slower for lines (§5.1).
import Plotly from 'plotly.js/lib/core';
import heatmap from 'plotly.js/lib/heatmap';
import scatter from 'plotly.js/lib/scatter';

Plotly.register([scatter, heatmap]);

export default Plotly;
export type { Data, Layout, PlotlyHTMLElement, PlotRelayoutEvent, ScatterData } from 'plotly.js/lib/core';
