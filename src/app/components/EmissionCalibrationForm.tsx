import { useMemo, useState } from 'react';
import { useEngine } from '../engineContext';
import {
  type CalibrationForm,
  calibrationCandidates,
  calibrationChoice,
  identifiedLineOptions,
} from '../features/emissionCalibrationInputs';
import { useEmission } from '../store/emissionStore';
import { useWorkbench } from '../store/workbenchStore';

type Role = 'standard' | 'unknown' | undefined;

/**
 * The calibration form: a role (standard, unknown, not used) for each loaded emission spectrum and
 * the concentration of each standard, the line (one identified in a loaded spectrum, or typed: its
 * position on the measured axis and the window integrated), the unit and the curve (line or
 * quadratic, unweighted or 1/x²). What is missing is listed under the button.
 */
export function EmissionCalibrationForm() {
  const engine = useEngine();
  const spectra = useWorkbench((s) => s.spectra);
  const order = useWorkbench((s) => s.spectrumOrder);
  const runs = useEmission((s) => s.runs);
  const running = useEmission((s) => s.calibration?.status === 'running');
  const candidates = useMemo(() => calibrationCandidates(order, spectra), [order, spectra]);
  const lines = useMemo(() => identifiedLineOptions(runs, spectra), [runs, spectra]);
  const [roles, setRoles] = useState<Record<string, Role>>({});
  const [concentrations, setConcentrations] = useState<Record<string, string>>({});
  const [lineKey, setLineKey] = useState('');
  const [lineNm, setLineNm] = useState('');
  const [windowNm, setWindowNm] = useState('1');
  const [unit, setUnit] = useState('mg/L');
  const [degree, setDegree] = useState<1 | 2>(1);
  const [weighting, setWeighting] = useState<'none' | 'inverseX2'>('none');

  const chosenLine = lines.find((l) => l.key === lineKey);
  const form: CalibrationForm = {
    roles,
    concentrations,
    lineNm,
    windowNm,
    unit,
    degree,
    weighting,
    ...(chosenLine && Number(lineNm) === chosenLine.axisNm
      ? { label: chosenLine.label.replace(/ \(at .*\)$/, '') }
      : {}),
  };
  const outcome = calibrationChoice(form, candidates);
  const pickLine = (key: string) => {
    setLineKey(key);
    const line = lines.find((l) => l.key === key);
    if (line) {
      setLineNm(String(line.axisNm));
      setWindowNm(String(line.windowNm));
    }
  };

  return (
    <div className="mrs-quantify-form" data-testid="emission-calibration-form">
      <fieldset>
        <legend>Spectra</legend>
        {candidates.length === 0 && <p className="hint">Drop emission spectra (nm axis): standards and unknowns.</p>}
        <table>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>
                  <select
                    value={roles[c.id] ?? ''}
                    onChange={(e) => setRoles({ ...roles, [c.id]: (e.target.value || undefined) as Role })}
                    data-testid="cal-role"
                    data-spectrum={c.id}
                    aria-label={`role of ${c.name}`}
                  >
                    <option value="">not used</option>
                    <option value="standard">standard</option>
                    <option value="unknown">unknown</option>
                  </select>
                </td>
                <td>
                  {roles[c.id] === 'standard' && (
                    <input
                      type="text"
                      inputMode="decimal"
                      size={8}
                      value={concentrations[c.id] ?? ''}
                      onChange={(e) => setConcentrations({ ...concentrations, [c.id]: e.target.value })}
                      placeholder={unit}
                      data-testid="cal-concentration"
                      data-spectrum={c.id}
                      aria-label={`concentration of ${c.name}`}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend>Line</legend>
        <label className="row">
          Identified
          <select value={lineKey} onChange={(e) => pickLine(e.target.value)} data-testid="cal-line-choice">
            <option value="">{lines.length === 0 ? 'none yet: identify a spectrum, or type' : 'typed below'}</option>
            {lines.map((l) => (
              <option key={l.key} value={l.key}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <label title="centre of the window on the measured axis (nm)">
            at{' '}
            <input
              type="text"
              inputMode="decimal"
              size={9}
              value={lineNm}
              onChange={(e) => setLineNm(e.target.value)}
              data-testid="cal-line-nm"
            />{' '}
            nm
          </label>
          <label title="full width of the window integrated above a straight background through its edges (nm)">
            window{' '}
            <input
              type="text"
              inputMode="decimal"
              size={5}
              value={windowNm}
              onChange={(e) => setWindowNm(e.target.value)}
              data-testid="cal-window-nm"
            />{' '}
            nm
          </label>
        </div>
      </fieldset>
      <div className="row">
        <label>
          unit{' '}
          <input type="text" size={6} value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="cal-unit" />
        </label>
        <select value={degree} onChange={(e) => setDegree(e.target.value === '2' ? 2 : 1)} data-testid="cal-degree">
          <option value="1">straight line</option>
          <option value="2">quadratic</option>
        </select>
        <select
          value={weighting}
          onChange={(e) => setWeighting(e.target.value === 'inverseX2' ? 'inverseX2' : 'none')}
          data-testid="cal-weighting"
        >
          <option value="none">unweighted</option>
          <option value="inverseX2">weights 1/x²</option>
        </select>
        <button
          type="button"
          disabled={running || 'problems' in outcome}
          onClick={() => {
            if ('choice' in outcome) void engine.emission.calibrate(outcome.choice);
          }}
          data-testid="cal-run"
        >
          Calibrate
        </button>
      </div>
      {'problems' in outcome && (
        <ul className="hint" data-testid="cal-problems">
          {outcome.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
