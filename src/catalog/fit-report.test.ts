/** The fit report's text: every section, the standard errors in % of their parameter, strong correlations, an undetermined combination. */
import { describe, expect, test } from 'vitest';
import { fitReportText, type FitReport } from './fit-report';

const base: FitReport = {
  names: ['b1', 'b2'],
  params: [238.94212918, 0.00055015643181],
  rss: 0.12455138894,
  dof: 12,
  residualSD: 0.1018787633,
  scaled: true,
  covariance: [[7.328, -0.00001962], [-0.00001962, 5.28e-11]],
  stdErrors: [2.7070075241, 0.0000072668688436],
  correlation: [[1, -0.9987762], [-0.9987762, 1]],
  conditionNumber: 1633.2432,
  undetermined: null,
  undeterminedSubspace: null,
};

describe('fitReportText', () => {
  test("Misra1a's report: counts, RSS, residual SD, condition, each parameter with its error and its share, the strong correlation", () => {
    expect(fitReportText(base, 'y = b1*(1-exp[-b2*x])')).toBe(
      [
        '[[Fit]]',
        '    model               = y = b1*(1-exp[-b2*x])',
        '    observations        = 14',
        '    parameters          = 2',
        '    degrees of freedom  = 12',
        '    RSS                 = 0.12455139',
        '    residual SD         = 0.10187876',
        '    condition of J^T J  = 1633.2432 (columns of J scaled to unit length)',
        '    covariance          = s^2 (J^T J)^-1, scaled by the residual variance s^2 = RSS / dof',
        '[[Parameters]]',
        '    b1:    238.94213 +/- 2.7070075 (1.13%)',
        '    b2:    0.00055015643 +/- 0.0000072668688 (1.32%)',
        '[[Correlations]] (|C| >= 0.9)',
        '    C(b1, b2) = -0.9988',
      ].join('\n'),
    );
  });

  test('a singular fit: no error bars, the undetermined combination instead; absolute sigma said so', () => {
    const singular: FitReport = { ...base, names: ['a', 'b', 'd'], params: [2, 0.5, 3], dof: 2, scaled: false, covariance: null, stdErrors: null, correlation: null, conditionNumber: Infinity, undetermined: [-0.5547002, 2e-21, 0.83205029] };
    const text = fitReportText(singular, 'y = a*d*exp(-b*x)');
    expect(text).toContain('    a:     2 undetermined');
    expect(text).toContain('(J^T J)^-1, sigma taken as absolute');
    expect(text).toContain('[[Undetermined]]');
    // b's rounding-sized share is not part of the combination.
    expect(text).toContain('    - 0.5547002 a + 0.83205029 d');
    expect(text).not.toContain('[[Correlations]]');
  });

  test("a singular fit with a 2-dimensional undetermined subspace: its dimension, its weakest combination, the determined parameter with its standard error", () => {
    const subspace = { dimension: 2, basis: [[0.6, 0, 0.8, 0], [0, 0, 0, 1]], determined: [false, true, false, false], stdErrors: [null, 0.0125, null, null] };
    const singular: FitReport = { ...base, names: ['a', 'b', 'c', 'd'], params: [2, 0.5, 3, 1], dof: 6, covariance: null, stdErrors: null, correlation: null, conditionNumber: Infinity, undetermined: subspace.basis[0], undeterminedSubspace: subspace };
    const text = fitReportText(singular, 'y = a*c*exp(-b*x) + 0*d');
    expect(text).toContain('    a:     2 undetermined');
    expect(text).toContain('    b:     0.5 +/- 0.0125 (2.50%)');
    expect(text).toContain('    d:     1 undetermined');
    expect(text).toContain('    J^T J is singular: the data do not determine a 2-dimensional subspace of the parameters; its weakest combination:\n    0.6 a + 0.8 c\n    determined: b');
  });
});
