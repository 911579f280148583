/**
 * The engine's public entry: what the worker and the headless runner use. Everything else in
 * src/engine is its own business (lint keeps the worker and the CLI to this file).
 */
export { deviceLost, loadFloat64Backend, makeCurrent, onWebglContextLost, switchBackend, webglHasFloat32, type BackendOptions } from './backend';
export { tf } from './tf';
export type { EvalCounts, StepRecord } from './types';
export { createProblem } from './problems';
export { lossSurface } from './problems/surface';
export { createRun, type Run } from './run/run';
export { createBatcher, runToEnd } from './run/batcher';
export { gunzipText, parseDigitsCsv, splitDigits, type DigitsData, type DigitsSplit } from './problems/digits-data';
export { createDigitsRace } from './run/digits-race';
export { createDigitsTrainer } from './run/digits-trainer';
export { createSweep, createUnitRun, sweepUnits, unitSteps, type Sweep, type SweepUnit, type UnitRun } from './run/sweep';
export { fitReportAt } from './fit/report-at';
export { confidenceBand } from './fit/band';
export { curvatureAtPoint } from './curvature/point';
export { inspectAt } from './curvature/inspect';
export { digitsCurvature } from './curvature/digits-curvature';
