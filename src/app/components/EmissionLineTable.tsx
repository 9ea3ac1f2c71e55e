import type { ElementIdentification } from '../../domains/emission/identification/identifyElements';
import type { EmissionIdentification } from '../../workers/emissionMethods';
import { species } from '../features/emissionOverlayInput';
import { currentIdentification, useEmission } from '../store/emissionStore';
import { useWorkbench } from '../store/workbenchStore';

const nm = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** The matched lines of one element, one row each. */
function ElementLines({ element }: { element: ElementIdentification }) {
  return (
    <>
      {element.matched.map((line, k) => (
        <tr
          key={`${line.libraryNm}/${line.ion}`}
          data-testid="emission-line-row"
          data-element={element.element}
          data-library={line.libraryNm.toFixed(3)}
          className={element.accepted ? undefined : 'candidate'}
        >
          <td>{k === 0 ? <strong>{element.element}</strong> : null}</td>
          <td>{species(element.element, line.ion)}</td>
          <td>{nm(line.libraryNm)}</td>
          <td data-testid="observed-nm">{nm(line.observedNm)}</td>
          <td>{nm(line.correctedNm)}</td>
          <td>{line.z.toFixed(1)}</td>
          <td>{line.relativeExpected.toFixed(2)}</td>
          <td>{line.observedIntensity.toPrecision(3)}</td>
          <td>{line.sharedWith.join(', ')}</td>
        </tr>
      ))}
    </>
  );
}

function Results({ identification }: { identification: EmissionIdentification }) {
  const { elements, unexplainedPeaks, offsetNm } = identification.result;
  const accepted = elements.filter((e) => e.accepted);
  const candidates = elements.filter((e) => !e.accepted && e.matched.length > 0);
  const head = (
    <thead>
      <tr>
        <th>element</th>
        <th>species</th>
        <th>library λ (nm)</th>
        <th>observed λ (nm)</th>
        <th title="observed − axis offset">corrected λ (nm)</th>
        <th title="(corrected − library) / match σ">z</th>
        <th title="expected intensity relative to the element's strongest line in range (LTE)">expected</th>
        <th>observed intensity</th>
        <th>shared with</th>
      </tr>
    </thead>
  );
  return (
    <>
      <p className="hint">
        {identification.peaks.length} peaks identified against the line library
        {identification.peaksFound > identification.peaks.length
          ? ` (the strongest of ${identification.peaksFound} found)`
          : ''}
        ; axis offset {offsetNm >= 0 ? '+' : '−'}
        {nm(Math.abs(offsetNm))} nm; noise σ {identification.noiseSigma.toPrecision(3)}.
      </p>
      {accepted.length === 0 ? (
        <p className="hint" data-testid="no-elements">
          No element accepted.
        </p>
      ) : (
        <table>
          {head}
          <tbody>
            {accepted.map((e) => (
              <ElementLines key={e.element} element={e} />
            ))}
          </tbody>
        </table>
      )}
      {accepted.some((e) => e.missing.length > 0) && (
        <p data-testid="emission-missing-lines">
          <strong>Strong lines without a peak:</strong>{' '}
          {accepted
            .filter((e) => e.missing.length > 0)
            .map((e) => `${e.element} ${e.missing.map((m) => nm(m.libraryNm, 2)).join(', ')}`)
            .join('; ')}
        </p>
      )}
      {candidates.length > 0 && (
        <details data-testid="emission-candidates">
          <summary>Candidates not accepted ({candidates.map((e) => e.element).join(', ')})</summary>
          <table>
            {head}
            <tbody>
              {candidates.map((e) => (
                <ElementLines key={e.element} element={e} />
              ))}
            </tbody>
          </table>
        </details>
      )}
      {unexplainedPeaks.length > 0 && (
        <p data-testid="emission-unexplained">
          <strong>Unexplained peaks (nm):</strong>{' '}
          {unexplainedPeaks.map((i) => nm(identification.peaks[i]?.wavelengthNm ?? Number.NaN, 2)).join(', ')}
        </p>
      )}
    </>
  );
}

/** The identified lines of the first selected emission spectrum (main column, under the plot). */
export function EmissionLineTable() {
  const spectrum = useWorkbench((s) => {
    const id = s.selectedIds[0];
    return id === undefined ? undefined : s.spectra[id];
  });
  const identification = useEmission((s) => currentIdentification(s.runs, spectrum));
  if (!spectrum || !identification) return null;
  return (
    <section className="panel nuclides" data-testid="emission-line-table">
      <h2>Emission lines — {spectrum.name}</h2>
      <Results identification={identification} />
    </section>
  );
}
