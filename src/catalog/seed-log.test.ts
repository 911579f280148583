import { describe, expect, it } from 'vitest';
import { formatLoss, seedLogLines } from './seed-log';

describe('seedLogLines', () => {
  it('prints the loss before steps 1, 2, 4, ... and the end, as the seed does', () => {
    // losses[i] is the loss after i steps; 6 steps taken (Newton in the seed).
    const losses = [3868.2291666666665, 105.04357496954218, 9, 0.3307135454853347, 1e-3, 1e-9, 5.882202372519996e-20];
    const steps = losses.map((_, i) => i);
    expect(seedLogLines(steps, losses, losses.length, true)).toEqual([
      'step: 1, current loss: 3868.2291666666665',
      'step: 2, current loss: 105.04357496954218',
      'step: 4, current loss: 0.3307135454853347',
      'ENDED ON STEP: 6, FINAL LOSS: 5.882202372519996e-20',
    ]);
  });
  it('does not print a step that was not taken, nor the end of a live run', () => {
    expect(seedLogLines([0, 1], [10, 5], 2, false)).toEqual(['step: 1, current loss: 10']);
    expect(seedLogLines([0], [10], 1, true)).toEqual(['ENDED ON STEP: 0, FINAL LOSS: 10']);
  });
  it('formats like Python floats', () => {
    expect(formatLoss(2.3476189944007084e-9)).toBe('2.3476189944007084e-09');
    expect(formatLoss(1e-10)).toBe('1e-10');
    expect(formatLoss(0)).toBe('0');
    expect(formatLoss(Infinity)).toBe('Infinity');
  });
});
