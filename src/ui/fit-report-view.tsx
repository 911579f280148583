/**
 * A fit's report as curve_fit and lmfit users read one: each parameter with its standard error
 * (absolute and in %), the fit's statistics, the correlations (strong ones marked), and when J^T J
 * is singular the combination of parameters the data do not determine. For NIST's data and model,
 * each parameter's and standard deviation's matching digits (LRE) against the certified values,
 * in float32 and float64. Exports as text and JSON.
 */
import { fitReportText, STRONG_CORRELATION, undeterminedTerms, type FitReport, type RunPrecision } from '../catalog';
import type { NistProblem } from '../data/nist';
import { lre } from '../data/lre';
import { downloadText } from './download';

/** `digits` significant digits, in exponent form when very small or large (5.5015643181e-4), trailing zeros dropped. */
export function g(x: number, digits = 11): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return Number(x.toPrecision(digits)).toString();
}

/** The undetermined combination as a reader writes it: 0.707 b1 − 0.707 b2. */
export const combination = (report: FitReport) =>
  undeterminedTerms(report).map(([c, name], k) => `${k === 0 ? (c < 0 ? '−' : '') : c < 0 ? ' − ' : ' + '}${Math.abs(c).toPrecision(3)} ${name}`).join('');


export interface Certification {
  nist: NistProblem;
  /** The report of each precision's run of the same optimizer, when it has one. */
  byPrecision: Partial<Record<RunPrecision, FitReport>>;
}

interface Props {
  report: FitReport;
  model: string;
  /** "Levenberg-Marquardt · float64, converged at step 12". */
  title: string;
  certification: Certification | null;
}

/** The LRE of each parameter and standard deviation of a report against NIST's. */
export function certifiedDigits(report: FitReport, nist: NistProblem) {
  return {
    params: report.params.map((p, k) => lre(p, nist.certified[k])),
    sd: report.stdErrors ? report.stdErrors.map((s, k) => lre(s, nist.certifiedSd[k])) : null,
  };
}

const PRECISIONS: RunPrecision[] = ['float32', 'float64'];

export function FitReportView({ report, model, title, certification }: Props) {
  const { names, params, stdErrors, correlation, undetermined } = report;
  const digits = certification ? PRECISIONS.map((p) => [p, certification.byPrecision[p] ? certifiedDigits(certification.byPrecision[p] as FitReport, certification.nist) : null] as const) : [];
  const text = () => {
    const base = fitReportText(report, model);
    if (!certification) return base;
    const lines = digits.flatMap(([p, d]) => (d ? [`    ${p}: parameters ${d.params.map((x) => x.toFixed(1)).join(', ')}; standard deviations ${d.sd ? d.sd.map((x) => x.toFixed(1)).join(', ') : 'undetermined'}`] : []));
    return `${base}\n[[Certified digits (LRE) against NIST ${certification.nist.name}]]\n${lines.join('\n')}`;
  };
  const json = () => {
    const lreOf = Object.fromEntries(digits.flatMap(([p, d]) => (d ? [[p, d]] : [])));
    return JSON.stringify({ model, run: title, ...report, ...(certification ? { nist: certification.nist.name, lre: lreOf } : {}) }, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
  };

  return (
    <div className="fit-report" data-report>
      <p className="report-title">{title}</p>
      <div className="results" tabIndex={0} role="region" aria-label="Parameters, scrollable">
        <table aria-label="Parameters">
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Value</th>
              <th scope="col">Standard error</th>
              <th scope="col">Relative</th>
              {certification && (
                <>
                  <th scope="col">Certified value</th>
                  <th scope="col">Certified SD</th>
                  {digits.map(([p]) => (
                    <th scope="col" key={p} title="Matching significant digits (LRE) of the value, and of the standard error, against NIST's certified ones">
                      Digits {p}
                    </th>
                  ))}
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {names.map((name, k) => {
              const se = stdErrors?.[k];
              return (
                <tr key={name} data-param={name}>
                  <th scope="row">{name}</th>
                  <td className="num">{g(params[k])}</td>
                  <td className="num">{se === undefined ? 'undetermined' : `± ${g(se, 6)}`}</td>
                  <td className="num">{se === undefined ? '' : params[k] === 0 ? '∞' : `${((100 * se) / Math.abs(params[k])).toPrecision(3)}%`}</td>
                  {certification && (
                    <>
                      <td className="num">{g(certification.nist.certified[k])}</td>
                      <td className="num">{g(certification.nist.certifiedSd[k])}</td>
                      {digits.map(([p, d]) => (
                        <td className="num" key={p} data-lre={p}>
                          {d ? `${d.params[k].toFixed(1)} / ${d.sd ? d.sd[k].toFixed(1) : '–'}` : 'no run'}
                        </td>
                      ))}
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <dl className="fit-stats">
        <div>
          <dt>RSS</dt>
          <dd data-stat="rss">{g(report.rss)}</dd>
        </div>
        <div>
          <dt>Residual SD</dt>
          <dd data-stat="residual-sd">{g(report.residualSD)}</dd>
        </div>
        <div>
          <dt>Degrees of freedom</dt>
          <dd>{report.dof}</dd>
        </div>
        <div>
          <dt>Condition of JᵀJ</dt>
          <dd title="With the columns of J scaled to unit length">{g(report.conditionNumber, 3)}</dd>
        </div>
      </dl>
      <p className="aside">
        {report.scaled
          ? 'The covariance is s²(JᵀJ)⁻¹, scaled by the residual variance s² = RSS / dof, as NIST and curve_fit do by default.'
          : 'The covariance is (JᵀJ)⁻¹: σ is taken as absolute, as curve_fit does with absolute_sigma=True.'}{' '}
        Standard errors are computed in float64 at the run&rsquo;s parameters, whatever its precision.
        {certification && ' Digits: value / standard error, the LRE of each against NIST (11 is all of them).'}
      </p>
      {undetermined && (
        <p className="undetermined" role="note">
          JᵀJ is singular: the data do not determine the combination <strong>{combination(report)}</strong> of the parameters (the
          direction of JᵀJ&rsquo;s smallest eigenvalue, in the parameters&rsquo; own units). Moving the parameters along it leaves the fitted curve unchanged, so
          no standard error can be given.
        </p>
      )}
      {correlation && names.length > 1 && (
        <div className="results" tabIndex={0} role="region" aria-label="Correlations, scrollable">
          <table aria-label="Correlations" className="correlations">
            <caption>Correlations (|C| ≥ {STRONG_CORRELATION} in bold)</caption>
            <thead>
              <tr>
                <th scope="col" />
                {names.map((n) => (
                  <th scope="col" key={n}>{n}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {names.map((n, i) => (
                <tr key={n}>
                  <th scope="row">{n}</th>
                  {names.map((m, j) => {
                    const c = correlation[i][j];
                    const strong = i !== j && Math.abs(c) >= STRONG_CORRELATION;
                    return (
                      <td key={m} className={`num${strong ? ' strong' : ''}`} data-strong={strong || undefined}>
                        {j <= i ? c.toFixed(3) : ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="run-controls">
        <button type="button" onClick={() => downloadText('curvature-fit.txt', text(), 'text/plain')}>Download report (text)</button>
        <button type="button" onClick={() => downloadText('curvature-fit.json', json(), 'application/json')}>Download report (JSON)</button>
      </div>
    </div>
  );
}
