/**
 * The precision of a cell's runs: float32 on the chosen backend, float64 on our cpu64 backend, or
 * both side by side (float32 solid, float64 dashed); and what the floor lines mean.
 */
import { PRECISION_LABELS, PRECISIONS, type Precision, type ProblemInfo } from '../catalog';
import { useExperiment } from '../state/experiment-store';
import { floorsShown } from './precision-floors';

export function PrecisionControl() {
  const precision = useExperiment((s) => s.experiment.precision);
  return (
    <label className="precision">
      Precision{' '}
      <select aria-label="Precision" value={precision} onChange={(e) => useExperiment.getState().setPrecision(e.target.value as Precision)}>
        {PRECISIONS.map((p) => (
          <option key={p} value={p}>{PRECISION_LABELS[p]}</option>
        ))}
      </select>
    </label>
  );
}

/** What the floor lines mean, for the precisions and data shown. */
export function FloorNote({ problem, precision, seed }: { problem: ProblemInfo; precision: Precision; seed: number }) {
  const shown = floorsShown(problem, precision, seed);
  const measuredOn = problem.float32Floor?.seed ?? problem.float64Floor?.seed;
  const hidden = measuredOn !== undefined && measuredOn !== seed;
  if (!shown.length && !hidden) return null;
  return (
    <p className="aside">
      {shown.map(({ precision: p, floor }) => (
        <span key={p}>The {p === 'float32' ? 'dashed' : 'dotted'} line is the {p} floor. {floor.why} </span>
      ))}
      {hidden && <>No floor is drawn: it was measured on the data of seed {measuredOn}, and these are other data. </>}
      {precision === 'compare' ? <>Each run is drawn twice: float32 solid, float64 dashed.</> : precision === 'float64' && <>float64 runs are drawn dashed.</>}
    </p>
  );
}
