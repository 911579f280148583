/**
 * Curvature at a run's parameters (chapter 6's tools, under every race): the Hessian's spectrum
 * beside the Gauss-Newton matrix's, the parameters' error bars from the inverse (Gauss-Newton)
 * Hessian, and for chapter 3's net its error bars along a slice and its slopes against the true
 * surface's. Computed in float64 in the worker at the step the run has reached: on demand, or again
 * each time the run has moved on (at most one request in flight).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { inspectionFault, PROBLEMS, type CovarianceReport, type Inspection, type InputJacobianReport, type ProblemId, type SpectrumReport, type SpectrumSummary } from '../catalog';
import { sliceBandFigure } from '../charts/slice-band';
import { spectrumFigure } from '../charts/spectrum';
import { surfacesFigure } from '../charts/surfaces';
import { useExperiment } from '../state/experiment-store';
import { useInspect } from '../state/inspect-store';
import { useRuns } from '../state/runs-store';
import { last } from '../state/series';
import { tableNumber } from './number-format';
import { PlotlyFigure } from './plotly-figure';
import { RunSelect } from './run-select';

const LABELS: Record<Inspection, string> = { spectrum: 'Spectrum', covariance: 'Error bars', 'input-jacobian': 'Input slopes' };
/** How often "follow the run" looks for a new step. */
const FOLLOW_MS = 1000;

/** `kinds`: the reports offered (those the problem can give, by default). */
export function CurvaturePanel({ problem: id, kinds = ['spectrum', 'covariance', 'input-jacobian'] }: { problem: ProblemId; kinds?: readonly Inspection[] }) {
  const problem = PROBLEMS[id];
  const runs = useRuns((s) => s.runs);
  const inspected = useInspect((s) => s.inspected);
  const [chosen, setChosen] = useState<string | null>(null);
  const [what, setWhat] = useState<Inspection>('spectrum');
  const [follow, setFollow] = useState(false);
  const run = runs.find((r) => r.runId === chosen) ?? runs.find((r) => r.optimizer === 'lm') ?? runs[0];
  const offered = kinds.filter((w) => !inspectionFault(w, problem) && (w !== 'covariance' || problem.provides.includes('residuals')));

  const ask = useCallback(() => {
    const current = run && useRuns.getState().runs.find((r) => r.runId === run.runId);
    if (current) useInspect.getState().request(useExperiment.getState().experiment, current, what);
  }, [run, what]);

  // Following: a new request once the last is answered and the run has moved on.
  useEffect(() => {
    if (!follow || !run) return;
    const tick = () => {
      const current = useRuns.getState().runs.find((r) => r.runId === run.runId);
      const held = useInspect.getState().inspected;
      if (!current?.series.length || held?.pending) return;
      if (held && held.runId === run.runId && held.what === what && held.step === last(current.series, 'step')) return;
      useInspect.getState().request(useExperiment.getState().experiment, current, what);
    };
    tick();
    const timer = window.setInterval(tick, FOLLOW_MS);
    return () => window.clearInterval(timer);
  }, [follow, run, what]);

  if (!runs.length) return <p className="empty">Run the experiment, then look at the curvature where any run has got to.</p>;
  const shown = inspected && run && inspected.runId === run.runId && inspected.what === what ? inspected : null;
  return (
    <div className="curvature-panel">
      <div className="curvature-choices">
        <RunSelect label="At the parameters of" runs={runs} value={run?.runId ?? ''} onChange={setChosen} />
        <span role="radiogroup" aria-label="Curvature report" className="curvature-kinds">
          {offered.map((w) => (
            <label key={w}>
              <input type="radio" name={`inspect-${id}`} checked={what === w} onChange={() => setWhat(w)} /> {LABELS[w]}
            </label>
          ))}
        </span>
        <button type="button" onClick={ask} disabled={!run?.series.length}>
          Compute
        </button>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow the run
        </label>
      </div>
      {shown && (
        <p className="aside" role="status">
          {shown.pending ? `Computing at step ${shown.step}…` : `At step ${shown.step} of ${run?.label}, in float64 (${Math.round(shown.ms)} ms).`}
        </p>
      )}
      {shown?.error && (
        <p className="notice-inline" role="alert">
          {shown.error}
        </p>
      )}
      {shown?.report?.kind === 'spectrum' && <SpectrumView report={shown.report} />}
      {shown?.report?.kind === 'covariance' && <CovarianceView report={shown.report} />}
      {shown?.report?.kind === 'input-jacobian' && <SlopesView report={shown.report} />}
    </div>
  );
}

function describe(name: string, s: SpectrumSummary, method: 'dense' | 'lanczos'): string {
  const of = method === 'lanczos' ? `${s.size} Ritz values` : `${s.size} eigenvalues`;
  const signs = s.negative ? `${s.negative} negative (a saddle: not positive definite)` : s.zero ? 'none negative' : 'all positive (positive definite)';
  const zero = s.zero ? `; ${s.zero} count as zero (rank ${s.rank} of ${s.size})` : '';
  const cond = Number.isFinite(s.conditionNumber) ? `condition number ${tableNumber(s.conditionNumber)}` : `condition number on its range ${tableNumber(s.rangeConditionNumber)}`;
  return `${name}: ${of}, from ${tableNumber(s.smallest)} to ${tableNumber(s.largest)}; ${signs}${zero}; ${cond}.`;
}

function SpectrumView({ report }: { report: SpectrumReport }) {
  const spectra = useMemo(() => [{ name: 'Hessian H', spectrum: report.hessian }, ...(report.gaussNewton ? [{ name: 'Gauss-Newton 2c JᵀJ', spectrum: report.gaussNewton }] : [])], [report]);
  const figure = useMemo(() => spectrumFigure(spectra), [spectra]);
  const build = useCallback(() => figure, [figure]);
  return (
    <div className="curvature-result">
      <ul className="spectrum-summary" data-testid="spectrum-summary">
        {spectra.map(({ name, spectrum }) => (
          <li key={name} data-rank={spectrum.summary.rank} data-negative={spectrum.summary.negative} data-size={spectrum.summary.size}>
            {describe(name, spectrum.summary, spectrum.method)}
            {spectrum.method === 'lanczos' && ` (Lanczos, ${spectrum.iterations} steps: the extremes are converged where their residual is small; the rank counts the Krylov space only.)`}
          </li>
        ))}
      </ul>
      <PlotlyFigure chart="spectrum" title="Eigenvalues by size (log scale; crosses are negative)" build={build} version={figure} height={320} />
    </div>
  );
}

function CovarianceView({ report }: { report: CovarianceReport }) {
  const gn = report.gaussNewton;
  const band = report.band;
  const figure = useMemo(() => (band ? sliceBandFigure(band) : null), [band]);
  const build = useCallback(() => figure ?? { data: [], layout: {} }, [figure]);
  if (!gn) return <p className="aside">This problem has no residuals: no noise model to put error bars on.</p>;
  const hessian = report.hessian;
  const subspace = gn.undeterminedSubspace;
  return (
    <div className="curvature-result">
      {subspace ? (
        <p className="notice-inline" role="status" data-undetermined={subspace.dimension}>
          JᵀJ is singular: the data do not determine {subspace.dimension} direction{subspace.dimension === 1 ? '' : 's'} of the {gn.params.length}{' '}
          parameters ({subspace.determined.filter(Boolean).length} of them are determined on their own; the others have no standard error).
        </p>
      ) : (
        <p className="aside">
          Residual standard deviation s = {tableNumber(gn.residualSD)} on {gn.dof} degrees of freedom; condition number of the scaled JᵀJ{' '}
          {tableNumber(gn.conditionNumber)}.
        </p>
      )}
      {hessian && 'reason' in hessian && <p className="aside">From the full Hessian: {hessian.reason}</p>}
      <div className={band ? 'curvature-columns' : undefined}>
      <div className="results covariance-scroll">
        <table className="covariance-table" aria-label="Standard errors">
          <thead>
            <tr>
              <th scope="col">parameter</th>
              <th scope="col">value</th>
              <th scope="col">± from JᵀJ</th>
              {hessian && 'stdErrors' in hessian && <th scope="col">± from H</th>}
            </tr>
          </thead>
          <tbody>
            {gn.names.map((name, i) => {
              const se = gn.stdErrors?.[i] ?? subspace?.stdErrors[i] ?? null;
              return (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td className="num" data-value={gn.params[i]}>
                    {tableNumber(gn.params[i])}
                  </td>
                  <td className="num" data-value={se ?? ''}>
                    {se === null ? 'undetermined' : tableNumber(se)}
                  </td>
                  {hessian && 'stdErrors' in hessian && (
                    <td className="num" data-value={hessian.stdErrors[i]}>
                      {tableNumber(hessian.stdErrors[i])}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {band && figure && (
        <div>
          <p className="aside" data-coverage={band.coverage.inside / band.coverage.points}>
            Of the {band.coverage.points} held-out points, {band.coverage.inside} ({((100 * band.coverage.inside) / band.coverage.points).toFixed(1)}%) lie inside the{' '}
            {Math.round(band.level * 100)}% prediction band.
          </p>
          <PlotlyFigure chart="band" title={`Error bars along y = ${band.y}`} build={build} version={figure} height={320} />
        </div>
      )}
      </div>
    </div>
  );
}

/** One slope over the grid, the net's beside the true surface's. */
const slopes = (r: InputJacobianReport, net: number[], truth: number[]) => ({ x: Float64Array.from(r.x), y: Float64Array.from(r.y), truth: Float64Array.from(truth), prediction: Float64Array.from(net) });

function SlopesView({ report }: { report: InputJacobianReport }) {
  const dx = useMemo(() => surfacesFigure(slopes(report, report.dzdx, report.trueDzdx), 'the net: ∂ẑ/∂x', '∂z/∂x'), [report]);
  const dy = useMemo(() => surfacesFigure(slopes(report, report.dzdy, report.trueDzdy), 'the net: ∂ẑ/∂y', '∂z/∂y'), [report]);
  const buildX = useCallback(() => dx, [dx]);
  const buildY = useCallback(() => dy, [dy]);
  return (
    <div className="charts curvature-result">
      <PlotlyFigure chart="slopes-x" title="∂z/∂x: the true surface's, the net's" build={buildX} version={dx} height={300} />
      <PlotlyFigure chart="slopes-y" title="∂z/∂y: the true surface's, the net's" build={buildY} version={dy} height={300} />
    </div>
  );
}
