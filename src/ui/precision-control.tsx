/**
 * The precision of a cell's runs: float32 on the chosen backend, float64 on our cpu64 backend, or
 * both side by side (float32 solid, float64 dashed); and the floors each precision can reach.
 */
import { PRECISION_LABELS, PRECISIONS, type Precision, type ProblemInfo } from '../catalog';
import type { Floor } from '../charts/semilog';
import { useExperiment } from '../state/experiment-store';

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

const shown = (precision: Precision, p: 'float32' | 'float64') => precision === 'compare' || precision === p;

/** The floor lines of the precisions the cell runs in: float32's dashed, float64's dotted. */
export function precisionFloors(problem: ProblemInfo, precision: Precision): Floor[] {
  const floors: Floor[] = [];
  if (problem.float32Floor && shown(precision, 'float32')) floors.push({ y: problem.float32Floor.loss, label: `float32 floor ${problem.float32Floor.loss.toExponential(1)}` });
  if (problem.float64Floor && shown(precision, 'float64')) floors.push({ y: problem.float64Floor.loss, label: `float64 floor ${problem.float64Floor.loss.toExponential(1)}`, dotted: true });
  return floors;
}

/** What the floor lines mean, for the precisions shown. */
export function FloorNote({ problem, precision }: { problem: ProblemInfo; precision: Precision }) {
  const f32 = problem.float32Floor && shown(precision, 'float32');
  const f64 = problem.float64Floor && shown(precision, 'float64');
  if (!f32 && !f64) return null;
  return (
    <p className="aside">
      {f32 && <>The dashed line is the float32 floor. {problem.float32Floor?.why} </>}
      {f64 && <>The dotted line is the float64 floor. {problem.float64Floor?.why} </>}
      {precision === 'compare' ? <>Each run is drawn twice: float32 solid, float64 dashed.</> : precision === 'float64' && <>float64 runs are drawn dashed.</>}
    </p>
  );
}
