import type { EngineClient } from '../workerBridge/engineClient';

/** The bundled demo spectrum (public/demo; licence in public/demo/README.md). */
export const DEMO_FILE = 'soil_libs_ca_mn.csv';

/** Loads the demo through the same path as a dropped file. `?demo=0` in the URL skips it. */
export async function loadDemo(engine: EngineClient, baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}demo/${DEMO_FILE}`);
  if (!response.ok) throw new Error(`demo file missing (${response.status})`);
  const blob = await response.blob();
  await engine.loadFiles([new File([blob], DEMO_FILE, { type: 'text/csv' })]);
}
