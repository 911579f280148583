/**
 * A fit's report (computed by the engine's fit/report.ts from J and r at the solution), and its
 * text form, as lmfit's fit_report prints one: what the page exports and the CLI shows. The numbers
 * keep 8 significant digits in the text; the JSON export keeps them all.
 */
export interface FitReport {
  names: string[];
  params: number[];
  rss: number;
  /** Observations minus parameters. */
  dof: number;
  /** sqrt(RSS / dof), NIST's residual standard deviation. */
  residualSD: number;
  /** Whether the covariance is scaled by s^2 = RSS / dof (NIST's and curve_fit's default). */
  scaled: boolean;
  /** Null when J^T J is singular: then see `undetermined`. */
  covariance: number[][] | null;
  stdErrors: number[] | null;
  correlation: number[][] | null;
  /** Of J^T J with J's columns scaled to unit length: (largest / smallest singular value)^2; Infinity when singular. */
  conditionNumber: number;
  /** The unit combination of the parameters the data do not determine, when J^T J is (nearly) singular. */
  undetermined: number[] | null;
  /** When J^T J is (nearly) singular: everything the data do not determine (`undetermined` is its weakest direction). */
  undeterminedSubspace: UndeterminedSubspace | null;
}

/** The parameter changes the data cannot see (J v ~ 0), and what is still determined beside them. */
export interface UndeterminedSubspace {
  /** Its dimension: parameters minus the rank of J. */
  dimension: number;
  /** An orthonormal basis, in the parameters' own units, weakest direction first (basis[0] is `undetermined`). */
  basis: number[][];
  /** Per parameter: true when it has no component in the subspace, so the data fix it. */
  determined: boolean[];
  /** The determined parameters' standard errors (s^2 = RSS / (m - rank)); null for the others. */
  stdErrors: (number | null)[];
}

/** A fitted curve and its bands over a grid of its one predictor (engine/fit/band.ts). */
export interface Band {
  x: number[];
  fit: number[];
  lower: number[];
  upper: number[];
  /** The band for a new observation: the fitted mean's variance plus the noise's. */
  predictionLower: number[];
  predictionUpper: number[];
}

/**
 * The terms of the undetermined combination worth printing: a unit vector's entries below this are
 * rounding (1e-21 b beside 0.9997 a - 0.0239 d), not part of the combination.
 */
const UNDETERMINED_NOISE = 1e-9;

/** The undetermined combination's terms, [coefficient, name], rounding left out. */
export const undeterminedTerms = (report: FitReport): [number, string][] =>
  (report.undetermined ?? []).flatMap((c, k): [number, string][] => (Math.abs(c) >= UNDETERMINED_NOISE ? [[c, report.names[k]]] : []));

/** Correlations at least this strong are marked in the report, as lmfit marks them. */
export const STRONG_CORRELATION = 0.9;

const g = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(8)).toString() : String(x));
const pad = (text: string, width: number) => text.padEnd(width);

/** The report as text, one block per section, ready to paste into a lab notebook. */
export function fitReportText(report: FitReport, model: string): string {
  const width = Math.max(...report.names.map((n) => n.length), 4) + 2;
  const lines = [
    '[[Fit]]',
    `    model               = ${model}`,
    `    observations        = ${report.dof + report.params.length}`,
    `    parameters          = ${report.params.length}`,
    `    degrees of freedom  = ${report.dof}`,
    `    RSS                 = ${g(report.rss)}`,
    `    residual SD         = ${g(report.residualSD)}`,
    `    condition of J^T J  = ${g(report.conditionNumber)} (columns of J scaled to unit length)`,
    `    covariance          = ${report.scaled ? 's^2 (J^T J)^-1, scaled by the residual variance s^2 = RSS / dof' : '(J^T J)^-1, sigma taken as absolute'}`,
    '[[Parameters]]',
  ];
  const subspace = report.undeterminedSubspace;
  report.names.forEach((name, k) => {
    const p = report.params[k];
    const se = report.stdErrors?.[k] ?? subspace?.stdErrors[k] ?? undefined;
    const error = se === undefined ? 'undetermined' : `+/- ${g(se)} (${p === 0 ? 'inf' : ((100 * se) / Math.abs(p)).toPrecision(3)}%)`;
    lines.push(`    ${pad(name + ':', width)} ${g(p)} ${error}`);
  });
  if (report.undetermined) {
    const dimension = subspace?.dimension ?? 1;
    lines.push(
      '[[Undetermined]]',
      dimension > 1
        ? `    J^T J is singular: the data do not determine a ${dimension}-dimensional subspace of the parameters; its weakest combination:`
        : '    J^T J is singular: the data do not determine this combination of the parameters:',
    );
    lines.push(`    ${undeterminedTerms(report).map(([c, name], k) => `${c >= 0 && k ? '+ ' : c < 0 ? '- ' : ''}${g(Math.abs(c))} ${name}`).join(' ')}`);
    if (subspace) {
      const fixed = report.names.filter((_, k) => subspace.determined[k]);
      lines.push(`    determined: ${fixed.length ? fixed.join(', ') : 'none'}`);
    }
  }
  if (report.correlation) {
    const strong: string[] = [];
    report.correlation.forEach((row, i) => row.forEach((c, j) => j > i && Math.abs(c) >= STRONG_CORRELATION && strong.push(`    C(${report.names[i]}, ${report.names[j]}) = ${c.toFixed(4)}`)));
    lines.push(`[[Correlations]] (|C| >= ${STRONG_CORRELATION})`, ...(strong.length ? strong : ['    none']));
  }
  return lines.join('\n');
}
