import type { GammaAnalysis } from '../../domains/gamma/analyseGammaSpectrum';
import type { CnnNuclide } from '../../domains/gamma/identification/compareMethods';
import type { NuclideCandidate } from '../../domains/gamma/identification/identificationResult';
import { useEngine } from '../engineContext';
import { NUCLIDE_COLOURS } from '../plot/gammaOverlays';
import type { GammaRun } from '../store/gammaSlice';
import { useWorkbench } from '../store/workbenchStore';
import { PeakTable } from './PeakTable';

const keV = (e: number) => e.toFixed(1);

/** The CNN's probability ± SD of a nuclide, or a dash when it is not one of the CNN's labels. */
function CnnCell({ cnn, nuclide }: { cnn: readonly CnnNuclide[] | undefined; nuclide: string }) {
  if (cnn === undefined) return null;
  const value = cnn.find((c) => c.nuclide === nuclide);
  return (
    <td data-testid="cnn-probability" className={value && value.probability >= 0.5 ? 'cnn-yes' : 'cnn-no'}>
      {value === undefined ? (
        <small title="not one of the CNN's labels">—</small>
      ) : (
        `${value.probability.toFixed(2)} ± ${value.sd.toFixed(2)}`
      )}
    </td>
  );
}

function CandidateRow({
  candidate,
  overlay,
  cnn,
}: {
  candidate: NuclideCandidate;
  overlay: number;
  cnn: readonly CnnNuclide[] | undefined;
}) {
  const engine = useEngine();
  const on = overlay >= 0;
  return (
    <tr data-testid="nuclide-row" data-nuclide={candidate.nuclide}>
      <td>
        <label title="show its library lines on the plot">
          <input
            type="checkbox"
            checked={on}
            onChange={() => engine.gamma.toggleOverlay(candidate.nuclide)}
            data-testid="nuclide-overlay"
            aria-label={`show ${candidate.nuclide} lines`}
          />
          <span
            className="swatch"
            style={{ background: on ? NUCLIDE_COLOURS[overlay % NUCLIDE_COLOURS.length] : 'transparent' }}
          />
        </label>
      </td>
      <td>
        <strong>{candidate.nuclide}</strong>{' '}
        {candidate.naturalBackground && (
          <span className="badge" data-testid="natural-badge" title="natural background (K-40, U/Th series …)">
            natural background
          </span>
        )}
      </td>
      <td className="score" data-score={candidate.score.toFixed(3)}>
        <span className="score-bar">
          <span style={{ width: `${Math.round(candidate.score * 100)}%` }} />
        </span>{' '}
        {candidate.score.toFixed(2)}
      </td>
      <CnnCell cnn={cnn} nuclide={candidate.nuclide} />
      <td data-testid="matched-lines">
        {candidate.matchedLines.map((l) => (
          <span
            key={l.energyKeV}
            className={l.atBackgroundLine ? 'line background-line' : 'line'}
            title={`peak at ${keV(l.peakEnergyKeV)} keV (z ${l.zScore.toFixed(1)}), area ${l.observedArea.toFixed(0)} vs expected ${l.expectedArea.toFixed(0)}${l.emitters ? `, ${l.emitters.join(', ')}` : ''}${l.sharedWith.length ? `; shared with ${l.sharedWith.join(', ')}` : ''}`}
          >
            {keV(l.energyKeV)}
          </span>
        ))}
      </td>
      <td>
        {candidate.missingStrongLines.map((l) => (
          <span key={l.energyKeV} className="line" title={`detectability ${(l.detectability * 100).toFixed(0)} %`}>
            {keV(l.energyKeV)}
          </span>
        ))}
      </td>
      <td>
        {candidate.activityRatioHints.map((h) => (
          <div key={`${h.numeratorKeV}/${h.denominatorKeV}`}>
            {h.label} {keV(h.numeratorKeV)}/{keV(h.denominatorKeV)}: {h.observedRatio.toPrecision(3)} ±{' '}
            {h.observedRatioSigma.toPrecision(2)} <small>(expected {h.expectedRatio.toPrecision(3)})</small>
          </div>
        ))}
      </td>
    </tr>
  );
}

/** Where the classical method and the CNN disagree, said in one line (the table shows both). */
function Agreement({ run }: { run: GammaRun }) {
  if (run.cnn === undefined) return null;
  if (!run.cnn.ok) {
    return (
      <p className="hint" data-testid="cnn-unavailable">
        CNN identifier not run: {run.cnn.error.message}
      </p>
    );
  }
  const a = run.agreement;
  if (!a) return null;
  const parts = [
    a.classicalOnly.length > 0 ? `classical only: ${a.classicalOnly.join(', ')}` : '',
    a.cnnOnly.length > 0 ? `CNN only: ${a.cnnOnly.join(', ')}` : '',
    a.outsideCnnLabels.length > 0 ? `not among the CNN's labels: ${a.outsideCnnLabels.join(', ')}` : '',
  ].filter((p) => p !== '');
  return (
    <p className={parts.length > 0 ? 'agreement disagree' : 'agreement'} data-testid="method-agreement">
      <strong>Classical vs CNN ({run.cnn.value.passes} MC passes):</strong>{' '}
      {a.both.length > 0 ? `both name ${a.both.join(', ')}` : 'nothing named by both'}
      {parts.length > 0 ? `; ${parts.join('; ')}` : ' — they agree'}
      {a.cnnUnsure.length > 0 && <small> (CNN unsure: {a.cnnUnsure.join(', ')})</small>}
    </p>
  );
}

function Results({ run, analysis }: { run: GammaRun; analysis: GammaAnalysis }) {
  const overlays = useWorkbench((s) => s.lineOverlays);
  const { candidates, unexplainedPeaks, backgroundPeaks } = analysis.identification;
  const cnn = run.cnn?.ok ? run.cnn.value.nuclides : undefined;
  const cnnOnly = run.agreement?.cnnOnly ?? [];
  return (
    <>
      <Agreement run={run} />
      {candidates.length === 0 ? (
        <p className="hint" data-testid="no-nuclides">
          No nuclide identified ({analysis.netPeaks.length} peaks after background).
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>lines</th>
              <th>nuclide</th>
              <th>score</th>
              {cnn && <th title="CNN probability (mean ± SD over Monte-Carlo-dropout passes)">CNN</th>}
              <th>matched lines (keV)</th>
              <th>missing strong lines (keV)</th>
              <th>activity-ratio hints</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <CandidateRow key={c.nuclide} candidate={c} overlay={overlays.indexOf(c.nuclide)} cnn={cnn} />
            ))}
            {cnnOnly.map((name) => (
              <tr key={name} data-testid="cnn-only-row" data-nuclide={name} className="cnn-only">
                <td />
                <td>
                  <strong>{name}</strong> <span className="badge">CNN only</span>
                </td>
                <td>—</td>
                <CnnCell cnn={cnn} nuclide={name} />
                <td colSpan={3}>
                  <small>not found by the library identification</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unexplainedPeaks.length > 0 && (
        <p data-testid="unexplained-peaks">
          <strong>Unexplained peaks (keV):</strong> {unexplainedPeaks.map((p) => keV(p.centroidKeV)).join(', ')}
        </p>
      )}
      {backgroundPeaks.length > 0 && (
        <p data-testid="background-peaks">
          <strong>Background and artefact peaks:</strong>{' '}
          {backgroundPeaks.map((b) => `${keV(b.peak.centroidKeV)} (${b.line})`).join(', ')}
        </p>
      )}
      <PeakTable analysis={analysis} />
    </>
  );
}

/** Nuclide identification of the first selected spectrum: candidates, unexplained peaks, the peak table. */
export function NuclideTable() {
  const spectrum = useWorkbench((s) => {
    const id = s.selectedIds[0];
    return id === undefined ? undefined : s.spectra[id];
  });
  const run = useWorkbench((s) => (spectrum ? s.gammaRuns[spectrum.id] : undefined));
  if (!spectrum || !run || run.spectrum !== spectrum || run.status !== 'done' || !run.analysis) return null;
  return (
    <section className="panel nuclides" data-testid="nuclide-table">
      <h2>Nuclides — {spectrum.name}</h2>
      <Results run={run} analysis={run.analysis} />
    </section>
  );
}
