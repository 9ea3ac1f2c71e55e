import { useState } from 'react';
import type { BackendPreference } from '../../ml/backend/chooseBackend';
import { useEngine } from '../engineContext';
import { useWorkbench } from '../store/workbenchStore';

const choices: { value: BackendPreference; label: string }[] = [
  { value: 'auto', label: 'Automatic (WebGPU on a real GPU, else WASM)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WebAssembly (CPU)' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'cpu', label: 'Plain JavaScript (slow)' },
];

/** Settings: the compute backend (also `?backend=` in the URL) and a backend self-test. */
export function SettingsMenu() {
  const engine = useEngine();
  const [open, setOpen] = useState(false);
  const [testing, setTesting] = useState(false);
  const preference = useWorkbench((s) => s.backendPreference);
  const checks = useWorkbench((s) => s.backendChecks);
  const choose = (value: BackendPreference) => {
    const url = new URL(window.location.href);
    if (value === 'auto') url.searchParams.delete('backend');
    else url.searchParams.set('backend', value);
    window.history.replaceState(null, '', url);
    void engine.initBackend(value);
  };
  const selfTest = async () => {
    setTesting(true);
    try {
      await engine.checkBackends(['wasm', 'webgpu', 'webgl', 'cpu']);
    } finally {
      setTesting(false);
    }
  };
  return (
    <div className="settings">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="settings-button">
        Settings
      </button>
      {open && (
        <div className="settings-menu panel" data-testid="settings-menu">
          <label>
            Compute backend{' '}
            <select
              value={preference}
              onChange={(e) => choose(e.target.value as BackendPreference)}
              data-testid="backend-select"
            >
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={selfTest} disabled={testing} data-testid="backend-self-test">
            {testing ? 'Testing…' : 'Self-test backends'}
          </button>
          {checks && (
            <table className="checks" data-testid="backend-checks">
              <thead>
                <tr>
                  <th>backend</th>
                  <th>result</th>
                  <th>max |Δ| vs first</th>
                  <th>ms</th>
                </tr>
              </thead>
              <tbody>
                {checks.map((c) => (
                  <tr key={c.backend} data-backend={c.backend} data-ok={c.ok} data-diff={c.maxAbsDiff ?? ''}>
                    <td>{c.backend}</td>
                    <td>{c.ok ? (c.adapterDescription ?? 'ok') : c.error}</td>
                    <td>{c.maxAbsDiff?.toExponential(2) ?? '–'}</td>
                    <td>{c.milliseconds?.toFixed(0) ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
