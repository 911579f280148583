/**
 * Chapter 5's sweeps (seed 001): after a warm-up, prune a fraction p of the weights or disable
 * their optimization, train on, and measure accuracy, for every mode, p and repeat. A quick
 * preset, the page's default, shows the shape of the curves in well under a minute; the full one
 * is the seed's own grid (51 values of p, 50 for pruning, and 5 repeats).
 */
import { chapterHyperparameters } from './experiment';
import { OPTIMIZERS, type OptimizerId } from './optimizers';
import { PROBLEMS } from './problems';
export type SweepKind = 'prune' | 'disable';
/** Prune by smallest |w| or at random; disable by smallest |H g|, smallest |g|, or at random. */
export type PruneMode = 'minimal' | 'random';
export type DisableMode = 'H' | 'minimal' | 'random';
export type SweepMode = PruneMode | DisableMode;
/** The correct cross-entropy, or the seed's, which took the softmax output as logits. */
export type DigitsLoss = 'cross-entropy' | 'seed';
export type SweepPreset = 'quick' | 'full';

export const SWEEP_KINDS: SweepKind[] = ['prune', 'disable'];
export const SWEEP_PRESETS: SweepPreset[] = ['quick', 'full'];
export const DIGITS_LOSSES: DigitsLoss[] = ['cross-entropy', 'seed'];

export const SWEEP_MODES: Record<SweepKind, SweepMode[]> = {
  prune: ['minimal', 'random'],
  disable: ['H', 'minimal', 'random'],
};

export const SWEEP_MODE_LABELS: Record<SweepKind, Record<string, string>> = {
  prune: { minimal: 'prune smallest |w|', random: 'prune at random' },
  disable: { H: 'disable smallest |H g|', minimal: 'disable smallest |g|', random: 'disable at random' },
};

export interface SweepSettings {
  kind: SweepKind;
  modes: SweepMode[];
  ps: number[];
  repeats: number;
  warmup: number;
  steps: number;
  loss: DigitsLoss;
  /** Seed of the data split and of every model's draws. */
  seed: number;
}

export interface SweepResult {
  mode: SweepMode;
  p: number;
  repeat: number;
  train: number;
  test: number;
}

/** p over [0, 1] in 51 values, as np.linspace(0, 1, 51). */
export const LINSPACE_51 = Array.from({ length: 51 }, (_, k) => (k === 50 ? 1 : k / 50));

/** The sweep of a kind and preset; pruning leaves out p = 1, as the seed did. */
export function sweepSettings(kind: SweepKind, preset: SweepPreset, loss: DigitsLoss, seed: number): SweepSettings {
  const full = kind === 'prune' ? LINSPACE_51.slice(0, 50) : LINSPACE_51;
  const quick = kind === 'prune' ? [0, 0.3, 0.6, 0.9] : [0, 0.3, 0.6, 0.9, 1];
  return { kind, modes: SWEEP_MODES[kind], ps: preset === 'full' ? full : quick, repeats: preset === 'full' ? 5 : 2, warmup: 200, steps: 3000, loss, seed };
}

/**
 * The training race of chapter 5: one net from one start trained by each of the digits problem's
 * optimizers, with its hyperparameters there, on the same minibatches (preconditioned SGD's).
 */
export const RACE_OPTIMIZERS = PROBLEMS['digits-mlp'].optimizers;
export type RaceOptimizer = (typeof RACE_OPTIMIZERS)[number];
/** Each entrant's hyperparameters, from the catalog (the race's order). */
export const RACE_HYPERPARAMETERS = RACE_OPTIMIZERS.map((optimizer) => chapterHyperparameters('digits-mlp', optimizer));
/** Gradient descent on minibatches is plain SGD. */
const RACE_NAMES: Partial<Record<OptimizerId, string>> = { psgd: 'preconditioned SGD', gd: 'plain SGD' };
/** 0.01, 1e-3: as the chapter writes learning rates. */
const lrText = (lr: number) => (lr < 0.01 ? lr.toExponential() : String(lr));
export const RACE_LABELS = Object.fromEntries(
  RACE_OPTIMIZERS.map((o, m) => [o, `${RACE_NAMES[o] ?? OPTIMIZERS[o].label} (lr ${lrText(RACE_HYPERPARAMETERS[m].lr)})`]),
) as Record<RaceOptimizer, string>;
export const RACE_STEPS = 3200;
/** Accuracy on the whole splits every this many steps (it costs a pass over 1,797 images). */
export const RACE_ACCURACY_EVERY = 100;

/** One step of the race: per optimizer (in RACE_OPTIMIZERS order) its minibatch loss and gradient norm, and H's spread for PSGD. */
export interface RaceStep {
  step: number;
  loss: number[];
  gradNorm: number[];
  /** min, median and max of preconditioned SGD's H = 2B / (N C). */
  h: [number, number, number];
  /** Train and test accuracy per optimizer, every RACE_ACCURACY_EVERY steps. */
  accuracy?: { train: number[]; test: number[] };
}
