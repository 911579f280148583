/**
 * --report: the curvature tools at each run's final parameters (the engine's inspectAt, the one
 * entry the page's panel uses too), computed in float64 on cpu64 whatever the run's precision: a
 * float32 run's parameters are exact there, and the float64 algebra resolves what float32 would
 * round away (chapter 3's Gauss-Newton matrix, conditioned 3.8e10). Each report becomes fields of
 * the run's --json summary line, or a short block of text after the run's log:
 *   spectrum        hessianMethod ('dense' up to DENSE_HESSIAN_MAX parameters, else 'lanczos'),
 *                   hessianEigenvalues (ascending; for Lanczos its Ritz values, the extremes
 *                   converged), hessianSummary (rank, zero, negative, conditionNumber, ...),
 *                   hessianLanczos ({ iterations, residuals } or null), gaussNewtonEigenvalues and
 *                   gaussNewtonSummary (of 2 c J^T J; null where the problem has no residuals);
 *   covariance      the Gauss-Newton fit report s^2 (J^T J)^-1 (names, stdErrors, covariance,
 *                   correlation, conditionNumber, undetermined, undeterminedSubspace without its
 *                   basis, rss, residualSD, dof, covarianceScaled), the Laplace one 2 c s^2 H^-1
 *                   (hessianStdErrors, hessianCovariance, or null with hessianCovarianceReason) and
 *                   chapter 3's band along y = 1 (band, else null);
 *   input-jacobian  inputJacobian: { x, y, dzdx, dzdy, trueDzdx, trueDzdy }, the 21 x 21 grid.
 * JSON has no NaN or Infinity: such a number is null (a summary's with its text beside it, as the
 * step lines do). A report that fails at a run's parameters leaves its fields out and says why in
 * reportErrors; one run's failure does not stop the others' reports.
 */
import { DENSE_HESSIAN_MAX, FLOAT64_BACKEND, undeterminedTerms, type CovarianceReport, type CurvatureReport, type Inspection, type InputJacobianReport, type RunSpec, type Spectrum, type SpectrumReport, type SpectrumSummary } from '../catalog';
import { createProblem, inspectAt, makeCurrent, switchBackend, tf } from '../engine';
import { numberFields, numbersJson } from './format';

/** One report of one run: the report, or why there is none. */
export type Reported = { what: Inspection; report: CurvatureReport; dim: number } | { what: Inspection; error: string };

/**
 * The reports `whats` of each run at its final parameters (undefined for a run refused before its
 * start), in float64 on cpu64; the backend current before is current again after. Null when cpu64
 * did not start.
 */
export async function reportAll(runs: { spec: RunSpec; params: ArrayLike<number> | undefined }[], whats: readonly Inspection[]): Promise<Reported[][] | null> {
  const before = tf.getBackend();
  if (!(await switchBackend(FLOAT64_BACKEND))) return null;
  try {
    return runs.map(({ spec, params }) => reportsAt(spec, params, whats));
  } finally {
    if (before) makeCurrent(before);
  }
}

function reportsAt(spec: RunSpec, params: ArrayLike<number> | undefined, whats: readonly Inspection[]): Reported[] {
  if (!params) return whats.map((what) => ({ what, error: 'the run has no parameters: it stopped before its start' }));
  const seed = spec.seed ?? 1;
  let problem: ReturnType<typeof createProblem>;
  try {
    problem = createProblem(spec.problem, { seed, definition: spec.definition });
  } catch (e) {
    return whats.map((what) => ({ what, error: messageOf(e) }));
  }
  try {
    const absoluteSigma = spec.definition?.problem === 'fit' ? spec.definition.absoluteSigma : undefined;
    const p = Array.from(params);
    return whats.map((what): Reported => {
      try {
        return { what, report: inspectAt(problem, p, what, { seed, absoluteSigma }), dim: problem.dim };
      } catch (e) {
        return { what, error: messageOf(e) };
      }
    });
  } finally {
    problem.dispose();
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The fields of a run's --json summary line. */
export function reportJson(reported: readonly Reported[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const r of reported) {
    if ('error' in r) errors[r.what] = r.error;
    else if (r.report.kind === 'spectrum') Object.assign(fields, spectrumJson(r.report));
    else if (r.report.kind === 'covariance') Object.assign(fields, covarianceJson(r.report, r.dim));
    else Object.assign(fields, inputJacobianJson(r.report));
  }
  return Object.keys(errors).length ? { ...fields, reportErrors: errors } : fields;
}

const summaryJson = (s: SpectrumSummary) => Object.fromEntries(Object.entries(s).flatMap(([name, x]) => Object.entries(numberFields(name, x))));

function spectrumJson({ hessian, gaussNewton }: SpectrumReport) {
  return {
    hessianMethod: hessian.method,
    hessianEigenvalues: numbersJson(hessian.values),
    hessianSummary: summaryJson(hessian.summary),
    hessianLanczos: hessian.method === 'lanczos' ? { iterations: hessian.iterations, residuals: hessian.residuals } : null,
    gaussNewtonEigenvalues: gaussNewton ? numbersJson(gaussNewton.values) : null,
    gaussNewtonSummary: gaussNewton ? summaryJson(gaussNewton.summary) : null,
  };
}

const matrixJson = (m: number[][] | null) => m?.map(numbersJson) ?? null;

/** Why a covariance report has no Hessian covariance, or null when it has one. */
function hessianReason(h: CovarianceReport['hessian'], dim: number): string | null {
  if (h === null) return `The dense Hessian is formed for at most ${DENSE_HESSIAN_MAX} parameters; this problem has ${dim}.`;
  return 'reason' in h ? h.reason : null;
}

function covarianceJson({ gaussNewton: g, hessian: h, band }: CovarianceReport, dim: number) {
  const laplace = h && 'stdErrors' in h ? h : null;
  const subspace = g?.undeterminedSubspace;
  return {
    names: g?.names ?? null,
    stdErrors: g?.stdErrors ? numbersJson(g.stdErrors) : null,
    covariance: matrixJson(g?.covariance ?? null),
    correlation: matrixJson(g?.correlation ?? null),
    ...numberFields('conditionNumber', g?.conditionNumber ?? NaN),
    undetermined: g?.undetermined ?? null,
    undeterminedSubspace: subspace ? { dimension: subspace.dimension, determined: subspace.determined, stdErrors: subspace.stdErrors } : null,
    ...numberFields('rss', g?.rss ?? NaN),
    ...numberFields('residualSD', g?.residualSD ?? NaN),
    dof: g?.dof ?? null,
    covarianceScaled: g?.scaled ?? null,
    hessianStdErrors: laplace ? numbersJson(laplace.stdErrors) : null,
    hessianCovariance: laplace ? matrixJson(laplace.covariance) : null,
    hessianCovarianceReason: hessianReason(h, dim),
    band,
  };
}

function inputJacobianJson({ x, y, dzdx, dzdy, trueDzdx, trueDzdy }: InputJacobianReport) {
  return { inputJacobian: { x, y, dzdx: numbersJson(dzdx), dzdy: numbersJson(dzdy), trueDzdx, trueDzdy } };
}

/** Eight significant digits, as the fit report prints them; the JSON has them all. */
const g = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(8)).toString() : String(x));
const e2 = (x: number) => x.toExponential(1);

/** The readable block after a run's log. */
export function reportText(reported: readonly Reported[]): string[] {
  return reported.flatMap((r) => {
    const title = `${r.what} at the final parameters, in float64 (cpu64):`;
    if ('error' in r) return [`${r.what}: not computed: ${r.error}`];
    if (r.report.kind === 'spectrum') return [title, ...spectrumText(r.report, r.dim)];
    if (r.report.kind === 'covariance') return covarianceText(r.report, r.dim);
    return [title, ...inputJacobianText(r.report)];
  });
}

function spectrumLine(name: string, s: Spectrum): string {
  const { size, smallest, largest, rank, zero, negative, conditionNumber, rangeConditionNumber } = s.summary;
  const condition = Number.isFinite(conditionNumber) || !(rank > 0) ? g(conditionNumber) : `Infinity (${zero} zero; ${g(rangeConditionNumber)} over the nonzero)`;
  return `  ${name}: eigenvalues from ${g(smallest)} to ${g(largest)}; rank ${rank} of ${size}, ${negative} negative; condition number ${condition}`;
}

function spectrumText({ hessian, gaussNewton }: SpectrumReport, dim: number): string[] {
  const lines: string[] = [];
  if (hessian.method === 'dense') lines.push(spectrumLine('Hessian (dense)', hessian));
  else {
    // Ritz values: the extremes are eigenvalues to their residuals; the rank and the condition
    // number would need every eigenvalue.
    const residuals = hessian.residuals ?? [];
    const { smallest, largest, size, negative } = hessian.summary;
    const of = (value: number) => residuals.find((r) => r.value === value)?.residual ?? NaN;
    lines.push(
      `  Hessian (Lanczos, ${hessian.iterations} steps: ${dim} parameters, dense only up to ${DENSE_HESSIAN_MAX}): extreme Ritz values ${g(smallest)} and ${g(largest)}, each within its residual (${e2(of(smallest))}, ${e2(of(largest))}) of an eigenvalue; ${negative} of the ${size} Ritz values negative`,
    );
  }
  if (gaussNewton) lines.push(spectrumLine('Gauss-Newton 2 c J^T J (dense)', gaussNewton));
  else lines.push('  Gauss-Newton: none (the problem has no residuals)');
  return lines;
}

function covarianceText({ gaussNewton: fit, hessian, band }: CovarianceReport, dim: number): string[] {
  if (!fit) return ['covariance: none (the problem has no residuals)'];
  const laplace = hessian && 'stdErrors' in hessian ? hessian : null;
  const lines = [
    `covariance at the final parameters, in float64 (cpu64): ${fit.scaled ? 's^2 (J^T J)^-1' : '(J^T J)^-1, sigma absolute'}; RSS ${g(fit.rss)}, ${fit.dof} degrees of freedom; condition of J^T J ${g(fit.conditionNumber)} (columns scaled to unit length)`,
  ];
  const subspace = fit.undeterminedSubspace;
  const rows = [
    ['parameter', 'value', 'std error', ...(laplace ? ['std error (H)'] : [])],
    ...fit.names.map((name, k) => {
      const se = fit.stdErrors?.[k] ?? subspace?.stdErrors[k] ?? null;
      return [name, g(fit.params[k]), se === null ? 'undetermined' : g(se), ...(laplace ? [g(laplace.stdErrors[k])] : [])];
    }),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) lines.push(`  ${row.map((cell, c) => cell.padEnd(widths[c])).join('  ')}`.trimEnd());
  if (fit.undetermined) {
    const dimension = subspace?.dimension ?? 1;
    const terms = undeterminedTerms(fit);
    const combination = terms.map(([c, name], k) => `${c >= 0 && k ? '+ ' : c < 0 ? '- ' : ''}${g(Math.abs(c))} ${name}`).join(' ');
    lines.push(
      dimension > 1
        ? `  note: J^T J is singular: the data do not determine a ${dimension}-dimensional subspace of the parameters${terms.length <= 6 ? `; its weakest combination: ${combination}` : ''}`
        : `  note: J^T J is singular: the data do not determine ${combination}`,
    );
  }
  const reason = hessianReason(hessian, dim);
  if (reason) lines.push(`  no covariance from H: ${reason}`);
  if (band) {
    const { inside, points } = band.coverage;
    lines.push(`  band along y = ${band.y}: ${inside} of ${points} held-out points (${((100 * inside) / points).toFixed(1)}%) inside the ${100 * band.level}% prediction band`);
  }
  return lines;
}

function inputJacobianText(r: InputJacobianReport): string[] {
  const n = r.x.length;
  const rms = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);
  const error = rms([...r.dzdx.map((v, k) => v - r.trueDzdx[k]), ...r.dzdy.map((v, k) => v - r.trueDzdy[k])]);
  const truth = rms([...r.trueDzdx, ...r.trueDzdy]);
  return [
    `  d zhat/d(x, y) of the net on a ${n} x ${n} grid of [${g(r.x[0])}, ${g(r.x[n - 1])}]^2 (--json has every value); RMS error against the true slopes ${g(error)}, ${((100 * error) / truth).toFixed(1)}% of their RMS ${g(truth)}`,
  ];
}
