import type { Spectrum } from '../../core/spectrum';
import { describeCalibration } from '../features/describeCalibration';
import { useWorkbench } from '../store/workbenchStore';

function Rows({ spectrum }: { spectrum: Spectrum }) {
  const entries = Object.entries(spectrum.meta);
  return (
    <dl>
      <dt>file</dt>
      <dd>{spectrum.file}</dd>
      {spectrum.x.calibration && (
        <>
          <dt>calibration</dt>
          <dd data-testid="meta-calibration">{describeCalibration(spectrum.x.calibration)}</dd>
        </>
      )}
      {entries.map(([key, value]) => (
        <div key={key} className="meta-row">
          <dt>{key}</dt>
          <dd data-testid={`meta-${key}`}>{String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** File metadata of the first selected spectrum: times, instrument, calibration, anything the reader kept. */
export function MetadataPanel() {
  const spectrum = useWorkbench((s) => {
    const id = s.selectedIds[0];
    return id === undefined ? undefined : s.spectra[id];
  });
  if (!spectrum) return null;
  return (
    <details className="panel metadata" data-testid="metadata-panel">
      <summary>
        <h2>Metadata</h2>
      </summary>
      <Rows spectrum={spectrum} />
    </details>
  );
}
