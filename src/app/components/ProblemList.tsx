import { useWorkbench } from '../store/workbenchStore';
import { AcquisitionForm } from './AcquisitionForm';

/** Errors the user should see: which file, what went wrong (typed code), and a way to dismiss. */
export function ProblemList() {
  const problems = useWorkbench((s) => s.problems);
  const dismiss = useWorkbench((s) => s.dismissProblem);
  const notice = useWorkbench((s) => s.engineNotice);
  const setNotice = useWorkbench((s) => s.setEngineNotice);
  if (problems.length === 0 && !notice) return null;
  return (
    <section className="problems" aria-live="polite">
      {notice && (
        <div className="problem notice" role="alert" data-testid="engine-notice">
          <span>{notice}</span>
          <button type="button" className="link" onClick={() => setNotice(null)} aria-label="dismiss">
            ×
          </button>
        </div>
      )}
      {problems.map((p) => (
        <div key={p.id} className="problem" role="alert" data-testid="problem" data-code={p.code}>
          <span>
            {p.file && <strong>{p.file}: </strong>}
            {p.format && <em>{p.format}: </em>}
            {p.message} <code>{p.code}</code>
            {p.needs === 'mrsAcquisition' && p.file && <AcquisitionForm file={p.file} onLoaded={() => dismiss(p.id)} />}
          </span>
          <button type="button" className="link" onClick={() => dismiss(p.id)} aria-label="dismiss">
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
