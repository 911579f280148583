/**
 * The chapter's settings: one experiment config, always valid (fields refuse bad values before
 * they get here), mirrored in the URL by app/url-sync. `notice` says why a link was not used.
 */
import { create } from 'zustand';
import { chapterHyperparameters, defaultExperiment, type BackendChoice, type Experiment, type FitSettings, type OptimizerId, type ProblemId, type Precision } from '../catalog';

interface ExperimentStore {
  experiment: Experiment;
  notice: string | null;
  load(experiment: Experiment): void;
  setNotice(notice: string | null): void;
  setHyperparameter(run: number, name: string, value: number): void;
  setEnabled(run: number, enabled: boolean): void;
  addRun(optimizer: OptimizerId): void;
  setRunMaxSteps(run: number, value: number): void;
  removeRun(run: number): void;
  setMaxSteps(value: number): void;
  setTargetLoss(value: number): void;
  setStart(i: number, value: number): void;
  setSeed(value: number): void;
  setBackend(backend: BackendChoice): void;
  setPrecision(precision: Precision): void;
  /** f(x, y) of the problem 'formula' (checked at its field), with a new start when given. */
  setFormula(formula: string, start?: number[]): void;
  /** The model, table and weighting of the problem 'fit' (checked at its fields), with the start of its parameters. */
  setFit(fit: FitSettings, start: number[]): void;
  resetToDefaults(problem: ProblemId): void;
}

export const useExperiment = create<ExperimentStore>()((set) => {
  const edit = (f: (e: Experiment) => Experiment) => set((s) => ({ experiment: f(s.experiment) }));
  const editRun = (i: number, f: (r: Experiment['runs'][number]) => Experiment['runs'][number]) =>
    edit((e) => ({ ...e, runs: e.runs.map((r, j) => (j === i ? f(r) : r)) }));
  return {
    experiment: defaultExperiment(),
    notice: null,
    load: (experiment) => set({ experiment }),
    setNotice: (notice) => set({ notice }),
    setHyperparameter: (i, name, value) => editRun(i, (r) => ({ ...r, hp: { ...r.hp, [name]: value } })),
    setEnabled: (i, enabled) => editRun(i, (r) => ({ ...r, enabled })),
    addRun: (optimizer) =>
      edit((e) => ({ ...e, runs: [...e.runs, { optimizer, enabled: true, hp: chapterHyperparameters(e.problem, optimizer) }] })),
    setRunMaxSteps: (i, maxSteps) => editRun(i, (r) => ({ ...r, maxSteps })),
    removeRun: (i) => edit((e) => ({ ...e, runs: e.runs.filter((_, j) => j !== i) })),
    setMaxSteps: (maxSteps) => edit((e) => ({ ...e, maxSteps })),
    setTargetLoss: (targetLoss) => edit((e) => ({ ...e, targetLoss })),
    setStart: (i, value) => edit((e) => ({ ...e, start: e.start.map((s, j) => (j === i ? value : s)) })),
    setBackend: (backend) => edit((e) => ({ ...e, backend })),
    setPrecision: (precision) => edit((e) => ({ ...e, precision })),
    setSeed: (seed) => edit((e) => ({ ...e, seed })),
    setFormula: (formula, start) => edit((e) => ({ ...e, formula, start: start ?? e.start })),
    setFit: (fit, start) => edit((e) => ({ ...e, fit, start })),
    resetToDefaults: (problem) => set({ experiment: defaultExperiment(problem) }),
  };
});
