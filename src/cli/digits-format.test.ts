import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../catalog';
import { mlpStepJson, modelJson, progressLine, sweepMeans } from './digits-format';

const r = (mode: SweepResult['mode'], p: number, repeat: number, test: number, train = 1): SweepResult => ({ mode, p, repeat, test, train });

describe('sweepMeans', () => {
  it('per mode in the settings order, p ascending, over the repeats that finished; nothing for a p with none', () => {
    const results = [r('random', 0.9, 0, 0.5, 0.25), r('minimal', 0.9, 0, 0.75), r('minimal', 0, 0, 0.875), r('random', 0.9, 1, 0.75, 0.75), r('minimal', 0.9, 1, 0.5)];
    expect(sweepMeans({ modes: ['minimal', 'random'], ps: [0.9, 0, 0.5] }, results)).toEqual([
      { mode: 'minimal', p: 0, testAccuracy: 0.875, trainAccuracy: 1, testMin: 0.875, testMax: 0.875, repeats: 1 },
      { mode: 'minimal', p: 0.9, testAccuracy: 0.625, trainAccuracy: 1, testMin: 0.5, testMax: 0.75, repeats: 2 },
      { mode: 'random', p: 0.9, testAccuracy: 0.625, trainAccuracy: 0.5, testMin: 0.5, testMax: 0.75, repeats: 2 },
    ]);
  });
});

describe('JSON lines', () => {
  it('a model line has exactly the issue\'s keys', () => {
    expect(JSON.parse(modelJson('prune', r('minimal', 0.3, 1, 0.5, 0.25)))).toEqual({ kind: 'prune', mode: 'minimal', p: 0.3, repeat: 1, testAccuracy: 0.5, trainAccuracy: 0.25 });
  });

  it('a step whose loss is not finite writes null and its text', () => {
    expect(JSON.parse(mlpStepJson('psgd', 'float32', 3, NaN))).toEqual({ run: 'psgd', precision: 'float32', step: 3, loss: null, lossText: 'NaN' });
    expect(JSON.parse(mlpStepJson('psgd', 'float64', 0, 2.5, { train: 0.1, test: 0.2 }))).toEqual({ run: 'psgd', precision: 'float64', step: 0, loss: 2.5, trainAccuracy: 0.1, testAccuracy: 0.2 });
  });
});

it('progressLine', () => {
  expect(progressLine('prune sweep', 5120, 51200, 'model-steps', 1530)).toBe('prune sweep: 10% (5,120 of 51,200 model-steps, 1.5 s)');
});
