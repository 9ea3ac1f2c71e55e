import { useMemo } from 'react';
import type { EmissionCalibration } from '../../workers/emissionMethods';
import { useEngine } from '../engineContext';
import { buildCalibrationFigure } from '../plot/buildCalibrationFigure';
import { useEmission } from '../store/emissionStore';
import { EmissionCalibrationForm } from './EmissionCalibrationForm';
import { PlotlyFigure } from './PlotlyFigure';

const g = (v: number, digits = 4) => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : '–');

/** One line about the curve: equation with standard errors, R², s, LOD/LOQ, standards and degrees of freedom. */
function CurveLine({ calibration }: { calibration: EmissionCalibration }) {
  const { curve, unit } = calibration;
  const [a = 0, b = 0, c] = curve.coefficients;
  const [sa = 0, sb = 0, sc] = curve.standardErrors;
  const terms = [
    `a = ${g(a)} ± ${g(sa, 2)}`,
    `b = ${g(b)} ± ${g(sb, 2)}`,
    ...(c === undefined ? [] : [`c = ${g(c)} ± ${g(sc ?? 0, 2)}`]),
  ];
  const limits = curve.detectionLimits;
  return (
    <p className="mrs-quality" data-testid="cal-curve">
      y = a + b·x{c === undefined ? '' : ' + c·x²'} ({curve.weighting === 'none' ? 'unweighted' : 'weights 1/x²'}):{' '}
      {terms.join(', ')} · R² {curve.rSquared.toFixed(5)} · s {g(curve.residualSd, 3)} · LOD {g(limits.lod, 3)} {unit},
      LOQ {g(limits.loq, 3)} {unit} · {curve.x.length} standards, {curve.dof} degrees of freedom
    </p>
  );
}

/** The unknowns: value ± U (k), the t-interval, flags, and the budget with each component's share. */
function UnknownTable({ calibration }: { calibration: EmissionCalibration }) {
  const { unknowns, curve } = calibration;
  if (unknowns.length === 0) return <p className="hint">No unknown was marked: the curve only.</p>;
  return (
    <table data-testid="cal-unknowns">
      <thead>
        <tr>
          <th>unknown</th>
          <th>net signal</th>
          <th title={`expanded uncertainty U = k·u_c, k = ${calibration.coverageFactor}`}>result ± U</th>
          <th title={`${Math.round(curve.confidence * 100)} % interval from the calibration (t with ${curve.dof} dof)`}>
            interval
          </th>
          <th>flags</th>
          <th>budget (u, share of u_c²)</th>
        </tr>
      </thead>
      <tbody>
        {unknowns.map((u) => (
          <tr key={u.spectrumId} data-testid="cal-unknown-row" data-spectrum={u.spectrumId}>
            <td>{u.name}</td>
            <td>{g(u.signal.area)}</td>
            <td data-testid="cal-result" data-value={u.result.value} data-u={u.result.U}>
              <strong>{u.result.text}</strong>
            </td>
            <td>
              {g(u.prediction.interval[0], 3)} – {g(u.prediction.interval[1], 3)}
            </td>
            <td data-testid="cal-flags">
              {u.extrapolation && (
                <span className="badge" data-testid="cal-extrapolation">
                  {u.extrapolation} the standards: extrapolated
                </span>
              )}
              {u.prediction.belowDetectionLimit && <span className="badge">below LOD</span>}
              {!u.prediction.belowDetectionLimit && u.result.belowLoq && <span className="badge">below LOQ</span>}
            </td>
            <td>
              {u.result.components.map((c) => (
                <div key={c.name}>
                  {c.name}: {g(c.u, 2)} ({Math.round(c.share * 100)} %)
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The standards: concentration, net signal ± its noise σ, residual from the curve. */
function StandardTable({ calibration }: { calibration: EmissionCalibration }) {
  return (
    <details>
      <summary>Standards ({calibration.standards.length})</summary>
      <table data-testid="cal-standards">
        <thead>
          <tr>
            <th>standard</th>
            <th>concentration ({calibration.unit})</th>
            <th>net signal ± σ (noise)</th>
            <th>residual</th>
            <th>window (nm)</th>
          </tr>
        </thead>
        <tbody>
          {calibration.standards.map((s) => (
            <tr key={s.spectrumId}>
              <td>{s.name}</td>
              <td>{s.concentration}</td>
              <td>
                {g(s.signal.area)} ± {g(s.signal.areaSigma, 2)}
              </td>
              <td>{g(s.residual, 3)}</td>
              <td>
                {s.signal.fromNm.toFixed(2)}–{s.signal.toNm.toFixed(2)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Results({ calibration }: { calibration: EmissionCalibration }) {
  const figure = useMemo(() => buildCalibrationFigure(calibration), [calibration]);
  return (
    <>
      <CurveLine calibration={calibration} />
      <PlotlyFigure data={figure.data} layout={figure.layout} className="mrs-fit-plot" testId="cal-plot" />
      <UnknownTable calibration={calibration} />
      <StandardTable calibration={calibration} />
    </>
  );
}

/**
 * Classical calibration of an emission line (main column, opened from the emission panel): the
 * form, then the calibration plot (standards, fitted curve, confidence and prediction bands,
 * unknowns with ± U), the curve's numbers, the unknowns' results with their budgets and flags.
 * Concentrations from a trained network (`--model`) will appear beside these when the emission
 * models are shipped.
 */
export function EmissionCalibrationView() {
  const engine = useEngine();
  const open = useEmission((s) => s.calibrationOpen);
  const run = useEmission((s) => s.calibration);
  if (!open) return null;
  return (
    <section className="panel mrs-quant nuclides" style={{ maxHeight: 'none' }} data-testid="emission-calibration">
      <div className="row">
        <h2>Calibration{run?.result?.line.label ? ` — ${run.result.line.label}` : ''}</h2>
        <span className="spacer" />
        <button
          type="button"
          className="link"
          onClick={() => engine.emission.showCalibration(false)}
          aria-label="close the calibration"
        >
          ×
        </button>
      </div>
      <EmissionCalibrationForm />
      <p className="hint" data-testid="cal-status" data-status={run?.status ?? 'idle'}>
        {run?.status === 'running' && 'Calibrating…'}
      </p>
      {run?.status === 'failed' && run.error && (
        <p className="inline-error" data-testid="cal-error">
          {run.error.message} <code>{run.error.code}</code>
        </p>
      )}
      {run?.status === 'done' && run.result && <Results calibration={run.result} />}
    </section>
  );
}
