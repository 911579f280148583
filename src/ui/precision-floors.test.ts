import { describe, expect, test } from 'vitest';
import { PROBLEMS } from '../catalog';
import { precisionFloors } from './precision-floors';

describe('floor lines shown', () => {
  test("chapter 4's floors, measured on seed 1's data, are drawn for seed 1 only", () => {
    const rahimi = PROBLEMS['rahimi-linear-net'];
    expect(precisionFloors(rahimi, 'compare', 1).map((f) => f.y)).toEqual([3e-10, 1.7e-27]);
    expect(precisionFloors(rahimi, 'compare', 2)).toEqual([]);
  });

  test('fixed-data floors are drawn for every seed, each for the precision that runs', () => {
    const fit = PROBLEMS['rosenbrock-fit'];
    expect(precisionFloors(fit, 'float32', 7)).toEqual([{ y: 1e-13, label: 'float32 floor 1.0e-13', dotted: undefined }]);
    expect(precisionFloors(fit, 'float64', 7)).toEqual([{ y: 3.5e-31, label: 'float64 floor 3.5e-31', dotted: true }]);
  });
});
