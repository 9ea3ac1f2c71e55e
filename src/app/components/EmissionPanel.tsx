import { useEffect } from 'react';
import type { ElementIdentification } from '../../domains/emission/identification/identifyElements';
import { useEngine } from '../engineContext';
import { ELEMENT_COLOURS } from '../plot/emissionOverlays';
import { currentIdentification, isIdentifiableEmission, useEmission } from '../store/emissionStore';
import { useWorkbench } from '../store/workbenchStore';

/** The marker toggle of one element: a checkbox with the element's colour while its lines are drawn. */
function MarkerToggle({ element, caption }: { element: string; caption?: boolean }) {
  const engine = useEngine();
  const index = useEmission((s) => s.markers.indexOf(element));
  const on = index >= 0;
  return (
    <label title={`draw the ${element} lines of the library on the plot`}>
      <input
        type="checkbox"
        checked={on}
        onChange={() => void engine.emission.toggleMarker(element)}
        data-testid="emission-marker"
        data-element={element}
        aria-label={`show ${element} lines`}
      />
      <span
        className="swatch"
        style={{ background: on ? ELEMENT_COLOURS[index % ELEMENT_COLOURS.length] : 'transparent' }}
      />
      {caption && <small>{element}</small>}
    </label>
  );
}

/** One element of the identification: marker toggle, symbol, accepted or candidate, score, lines matched. */
function ElementRow({ element }: { element: ElementIdentification }) {
  const lines = element.matched.map((m) => `${m.libraryNm.toFixed(3)} → ${m.observedNm.toFixed(3)} nm`).join('\n');
  return (
    <tr data-testid="emission-element" data-element={element.element} data-accepted={String(element.accepted)}>
      <td>
        <MarkerToggle element={element.element} />
      </td>
      <td>
        <strong>{element.element}</strong>
      </td>
      <td>
        {element.accepted ? (
          <span className="badge">accepted</span>
        ) : (
          <small title="below the acceptance score, or fewer than 2 lines">candidate</small>
        )}
      </td>
      <td className="score" data-score={element.score.toFixed(3)}>
        {element.score.toFixed(2)}
      </td>
      <td title={`lines matched / looked for (library → observed):\n${lines}`}>
        {element.matched.length}/{element.matched.length + element.missing.length}
      </td>
    </tr>
  );
}

/**
 * Element identification of the first selected emission spectrum (side panel): the "Identify
 * elements" action, the run's status with the axis offset found, the elements (accepted first)
 * with score and lines matched and a toggle per element for its library lines on the plot, the
 * other library elements' toggles, and the button that opens the calibration view. The line
 * table sits under the plot (EmissionLineTable).
 */
export function EmissionPanel() {
  const engine = useEngine();
  const spectrumId = useWorkbench((s) => s.selectedIds[0]);
  const spectrum = useWorkbench((s) => (spectrumId === undefined ? undefined : s.spectra[spectrumId]));
  const run = useEmission((s) => (spectrumId === undefined ? undefined : s.runs[spectrumId]));
  const identification = useEmission((s) => currentIdentification(s.runs, spectrum));
  const library = useEmission((s) => s.libraryElements);
  const follow = useEmission((s) => s.markersFollowOffset);
  const setFollow = useEmission((s) => s.setMarkersFollowOffset);
  const isEmission = spectrum?.domain === 'emission' || isIdentifiableEmission(spectrum);

  useEffect(() => {
    if (isEmission) void engine.emission.ensureElements();
  }, [engine, isEmission]);

  if (spectrumId === undefined || !spectrum || !isEmission) return null;
  const unit = spectrum.x.unit;
  const identifiable = isIdentifiableEmission(spectrum);
  const current = run && run.spectrum === spectrum ? run : undefined;
  const running = current?.status === 'running';
  const listed = identification?.result.elements.filter((e) => e.accepted || e.matched.length > 0) ?? [];
  const others = (library ?? []).filter((e) => !listed.some((l) => l.element === e));
  const offset = identification?.result.offsetNm;
  return (
    <section className="panel emission nuclides" data-testid="emission-panel">
      <h2>Emission analysis</h2>
      {!identifiable && (
        <p className="hint">Element identification needs a wavelength axis in nm; this spectrum's axis is in {unit}.</p>
      )}
      <div className="row">
        <button
          type="button"
          disabled={running || !identifiable}
          onClick={() => void engine.emission.identify(spectrumId)}
          data-testid="emission-identify"
        >
          Identify elements
        </button>
        <button
          type="button"
          onClick={() => engine.emission.showCalibration(true)}
          data-testid="emission-calibration-open"
        >
          Calibration…
        </button>
      </div>
      <p className="hint" data-testid="emission-status" data-status={current?.status ?? 'idle'}>
        {running && 'Identifying elements…'}
        {current?.status === 'failed' && `Failed: ${current.error?.message ?? 'unknown error'}`}
        {identification &&
          `${identification.peaks.length} peaks (baseline ${identification.baseline}), ${listed.filter((e) => e.accepted).length} element(s) accepted.`}
        {!current && identifiable && 'Not analysed yet.'}
      </p>
      {offset !== undefined && (
        <p className="hint" data-testid="emission-offset" data-offset={offset.toFixed(4)}>
          Axis offset {offset >= 0 ? '+' : '−'}
          {Math.abs(offset).toFixed(3)} nm (observed − library).{' '}
          <label title="draw the markers where the lines appear on this axis (library λ + offset)">
            <input
              type="checkbox"
              checked={follow}
              onChange={(e) => setFollow(e.target.checked)}
              data-testid="emission-follow-offset"
            />{' '}
            markers follow it
          </label>
        </p>
      )}
      {listed.length > 0 && (
        <table>
          <thead>
            <tr>
              <th title="draw the library lines">lines</th>
              <th colSpan={2}>element</th>
              <th>score</th>
              <th title="lines matched / looked for">lines</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((e) => (
              <ElementRow key={e.element} element={e} />
            ))}
          </tbody>
        </table>
      )}
      {identifiable && others.length > 0 && (
        <div className="row" data-testid="emission-other-elements">
          <small>Other library elements:</small>
          {others.map((element) => (
            <MarkerToggle key={element} element={element} caption />
          ))}
        </div>
      )}
    </section>
  );
}
