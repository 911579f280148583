/**
 * The floor lines a cell draws: those of the precisions it runs in, float32's dashed and float64's
 * dotted, each only where it holds for the data in use (a floor measured on one seed's data is not
 * drawn for another's).
 */
import type { Precision, PrecisionFloor, ProblemInfo, RunPrecision } from '../catalog';
import type { Floor } from '../charts/semilog';

const runsIn = (precision: Precision, p: RunPrecision) => precision === 'compare' || precision === p;

/** The floors that hold for this cell's precision and data seed, with the precision of each. */
export function floorsShown(problem: ProblemInfo, precision: Precision, seed: number): { precision: RunPrecision; floor: PrecisionFloor }[] {
  const all = [
    { precision: 'float32' as const, floor: problem.float32Floor },
    { precision: 'float64' as const, floor: problem.float64Floor },
  ];
  return all.filter((f): f is { precision: RunPrecision; floor: PrecisionFloor } => !!f.floor && runsIn(precision, f.precision) && (f.floor.seed === undefined || f.floor.seed === seed));
}

export function precisionFloors(problem: ProblemInfo, precision: Precision, seed: number): Floor[] {
  return floorsShown(problem, precision, seed).map(({ precision: p, floor }) => ({ y: floor.loss, label: `${p} floor ${floor.loss.toExponential(1)}`, dotted: p === 'float64' || undefined }));
}
