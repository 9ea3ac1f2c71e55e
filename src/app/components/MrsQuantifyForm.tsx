import { useMemo, useState } from 'react';
import type { MrsQuantifyOptions } from '../../workers/mrsMethods';
import { useEngine } from '../engineContext';
import { mrsQuantifyChoices } from '../features/mrsQuantifyInputs';
import { useWorkbench } from '../store/workbenchStore';

type Preprocess = 'auto' | 'on' | 'off';

/** A number field's value when it holds a number ≥ 0, else undefined (empty or invalid). */
function fieldNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Tissue fractions from three % fields: none when all are empty, an error when they do not sum to 100 %. */
function tissueFractions(
  gm: string,
  wm: string,
  csf: string,
): NonNullable<MrsQuantifyOptions['tissueFractions']> | string | null {
  if ([gm, wm, csf].every((t) => t.trim() === '')) return null;
  const [g, w, c] = [gm, wm, csf].map((t) => (t.trim() === '' ? 0 : fieldNumber(t)));
  if (g === undefined || w === undefined || c === undefined) return 'tissue fractions must be numbers ≥ 0';
  if (Math.abs(g + w + c - 100) > 1) return `tissue fractions sum to ${(g + w + c).toFixed(0)} %, not 100 %`;
  return { gm: g / 100, wm: w / 100, csf: c / 100 };
}

/**
 * The quantify form of the MRS panel for the measurement in `dataFile`: which loaded files are the
 * basis set (`.BASIS` files preselected) and the water reference (files of `role: water`
 * preselected), TE/TR (prefilled from the data, editable), tissue fractions and preprocessing.
 * A choice the user has not touched follows the defaults, so files dropped later are picked up.
 */
export function MrsQuantifyForm({ dataFile }: { dataFile: string }) {
  const engine = useEngine();
  const files = useWorkbench((s) => s.files);
  const spectra = useWorkbench((s) => s.spectra);
  const derived = useWorkbench((s) => s.derivedIds);
  const running = useWorkbench((s) => s.mrsQuantify?.status === 'running');
  const choices = useMemo(
    () => mrsQuantifyChoices(files, spectra, derived, dataFile),
    [files, spectra, derived, dataFile],
  );
  const [basisPick, setBasisPick] = useState<readonly string[] | null>(null);
  const [waterPick, setWaterPick] = useState<string | null | undefined>(undefined);
  const [te, setTe] = useState<string | null>(null);
  const [tr, setTr] = useState<string | null>(null);
  const [tissue, setTissue] = useState({ gm: '', wm: '', csf: '' });
  const [preprocess, setPreprocess] = useState<Preprocess>('auto');

  const available = new Set(choices.others.map((o) => o.file));
  const basisFiles = (basisPick ?? choices.defaultBasisFiles).filter((f) => available.has(f));
  const waterFile =
    waterPick === undefined || (waterPick !== null && !available.has(waterPick)) ? choices.defaultWaterFile : waterPick;
  const teText = te ?? (choices.echoTimeMs === undefined ? '' : String(choices.echoTimeMs));
  const trText = tr ?? (choices.repetitionTimeMs === undefined ? '' : String(choices.repetitionTimeMs));
  const fractions = tissueFractions(tissue.gm, tissue.wm, tissue.csf);
  const problem =
    typeof fractions === 'string'
      ? fractions
      : basisFiles.length === 0
        ? 'pick the basis set (drop an LCModel .BASIS or .RAW basis files)'
        : null;

  const toggleBasis = (file: string) =>
    setBasisPick(basisFiles.includes(file) ? basisFiles.filter((f) => f !== file) : [...basisFiles, file]);
  const run = () => {
    const echoTimeMs = fieldNumber(teText);
    const repetitionTimeMs = fieldNumber(trText);
    const options: MrsQuantifyOptions = {
      ...(echoTimeMs === undefined || echoTimeMs === 0 ? {} : { echoTimeMs }),
      ...(repetitionTimeMs === undefined || repetitionTimeMs === 0 ? {} : { repetitionTimeMs }),
      ...(fractions === null || typeof fractions === 'string' ? {} : { tissueFractions: fractions }),
      ...(preprocess === 'auto' ? {} : { preprocess: preprocess === 'on' }),
    };
    void engine.mrs.quantify({ dataFile, waterFile, basisFiles, options });
  };

  return (
    <div className="mrs-quantify-form" data-testid="mrs-quantify-form">
      <fieldset>
        <legend>Basis set</legend>
        {choices.others.length === 0 && <p className="hint">Drop an LCModel .BASIS file or .RAW basis files.</p>}
        {choices.others.map((o) => (
          <label key={o.file} className="choice">
            <input
              type="checkbox"
              checked={basisFiles.includes(o.file)}
              onChange={() => toggleBasis(o.file)}
              data-testid="mrs-basis-choice"
              data-file={o.file}
            />{' '}
            {o.file} <small>({o.ids.length})</small>
          </label>
        ))}
      </fieldset>
      <label className="row">
        Water reference
        <select
          value={waterFile ?? ''}
          onChange={(e) => setWaterPick(e.target.value === '' ? null : e.target.value)}
          data-testid="mrs-water-choice"
        >
          <option value="">{choices.dataHasWater ? 'the water frames of the data' : 'none (ratios only)'}</option>
          {choices.others
            .filter((o) => !basisFiles.includes(o.file))
            .map((o) => (
              <option key={o.file} value={o.file}>
                {o.file}
                {o.water ? ' (water)' : ''}
              </option>
            ))}
        </select>
      </label>
      <div className="row">
        <label title="echo time, ms (needed for water referencing)">
          TE <input type="number" min={0} value={teText} onChange={(e) => setTe(e.target.value)} data-testid="mrs-te" />
        </label>
        <label title="repetition time, ms (empty: TR ≫ T1, no saturation correction)">
          TR <input type="number" min={0} value={trText} onChange={(e) => setTr(e.target.value)} data-testid="mrs-tr" />
        </label>
        ms
      </div>
      <div className="row" title="volume fractions of the voxel, % (empty: 60 % GM, 40 % WM, 0 % CSF)">
        {(['gm', 'wm', 'csf'] as const).map((t) => (
          <label key={t}>
            {t.toUpperCase()}{' '}
            <input
              type="number"
              min={0}
              max={100}
              placeholder={{ gm: '60', wm: '40', csf: '0' }[t]}
              value={tissue[t]}
              onChange={(e) => setTissue({ ...tissue, [t]: e.target.value })}
              data-testid={`mrs-tissue-${t}`}
            />
          </label>
        ))}
        %
      </div>
      <label className="row" title="coil combination, alignment, outlier rejection, averaging, ECC, water removal">
        Preprocessing
        <select value={preprocess} onChange={(e) => setPreprocess(e.target.value as Preprocess)}>
          <option value="auto">when needed (several transients or a water reference)</option>
          <option value="on">always</option>
          <option value="off">off</option>
        </select>
      </label>
      {problem && <p className="inline-error">{problem}</p>}
      <button type="button" disabled={problem !== null || running} onClick={run} data-testid="mrs-quantify-run">
        {running ? 'Fitting…' : 'Fit and quantify'}
      </button>
    </div>
  );
}
