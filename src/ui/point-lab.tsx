/**
 * Chapter 6's first cell (seed 004): a function of x, y (and z) at a point; its gradient, its
 * Hessian by double backprop, H v, and H^-1 g by a dense solve and by CG, with CG's residual and
 * distance per iteration. Every field is checked as it is typed; the numbers are recomputed (in
 * the worker) whenever the settings check, so what is shown always answers what the fields say.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { cgItersFault, dampingFault, NUMBER_TEXT, POINT_FIELD_LABELS, POINT_PRESETS, presetSettings, vectorFault, type PointField, type PointReport, type PointSettings, type RunPrecision } from '../catalog';
import { cgTraceFigure } from '../charts/cg-trace';
import { checkPointFunction } from '../formula/problems';
import { usePoint } from '../state/point-store';
import { Cell } from './cell';
import { FormulaInput } from './formula-input';
import { precisionNumber } from './number-format';
import { PlotlyFigure } from './plotly-figure';

/** The text of each field, kept as typed (a refused one is not lost). */
interface Draft {
  f: string;
  at: string;
  v: string;
  g: string;
  cgIters: string;
  damping: string;
}

const toDraft = (s: PointSettings): Draft => ({ f: s.f, at: s.at.join(', '), v: s.v.join(', '), g: s.g.join(', '), cgIters: String(s.cgIters), damping: String(s.damping) });

/** A field's text read as numbers: a vector of the function's variables, or one number. */
function readField(field: Exclude<PointField, 'f'>, text: string, variables: readonly string[]): number[] | number | string {
  const label = POINT_FIELD_LABELS[field];
  const parts = text.trim().split(/[\s,]+/).filter((p) => p !== '');
  const bad = parts.find((p) => !NUMBER_TEXT.test(p));
  if (bad !== undefined) return `${label}: "${bad}" is not a number.`;
  const xs = parts.map((p) => Number(p) + 0);
  if (field === 'cgIters' || field === 'damping') {
    if (xs.length !== 1) return `${label} is one number.`;
    const fault = (field === 'cgIters' ? cgItersFault : dampingFault)(xs[0]);
    return fault ? `${label} ${fault}.` : xs[0];
  }
  const fault = vectorFault(xs, variables);
  return fault ? `${label} ${fault}.` : xs;
}

/** The draft as settings, or each field's fault. */
function readDraft(d: Draft, precision: RunPrecision) {
  const f = checkPointFunction(d.f);
  const variables = f.ok ? f.value.variables : ['x', 'y'];
  const read = {
    at: readField('at', d.at, variables),
    v: readField('v', d.v, variables),
    g: readField('g', d.g, variables),
    cgIters: readField('cgIters', d.cgIters, variables),
    damping: readField('damping', d.damping, variables),
  };
  const fault = (x: unknown) => (typeof x === 'string' ? x : null);
  const settings: PointSettings | null =
    f.ok && !Object.values(read).some(fault) ? { f: d.f, at: read.at as number[], v: read.v as number[], g: read.g as number[], cgIters: read.cgIters as number, damping: read.damping as number, precision } : null;
  return { f, variables, settings, faults: Object.fromEntries(Object.entries(read).map(([k, x]) => [k, fault(x)])) as Record<keyof typeof read, string | null> };
}

export function PointLab() {
  const settings = usePoint((s) => s.settings);
  const { result, error, pending } = usePoint();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [shownFor, setShownFor] = useState(settings);
  // Settings from outside (a link, a preset) replace what is typed.
  if (settings !== shownFor) {
    setShownFor(settings);
    setDraft(toDraft(settings));
  }

  const { f: checked, variables: names, faults } = readDraft(draft, settings.precision);
  const n = names.length;
  const edit = (field: keyof Draft, text: string) => {
    const next = { ...draft, [field]: text };
    setDraft(next);
    const { settings: committed } = readDraft(next, settings.precision);
    if (!committed) return;
    setShownFor(committed);
    usePoint.getState().set(committed);
  };

  // Whatever the settings, once they check, the numbers follow.
  useEffect(() => usePoint.getState().compute(), [settings]);

  const presetId = useId();
  const matching = POINT_PRESETS.findIndex((p) => p.f === settings.f && p.at.join() === settings.at.join());
  return (
    <Cell title="H v and H⁻¹ g at a point">
      <div className="point-fields">
        <label htmlFor={presetId}>
          Preset{' '}
          <select
            id={presetId}
            value={matching}
            onChange={(e) => {
              const p = POINT_PRESETS[Number(e.target.value)];
              if (p) usePoint.getState().set(presetSettings(p, settings.precision));
            }}
          >
            {matching < 0 && <option value={-1}>(your own)</option>}
            {POINT_PRESETS.map((p, i) => (
              <option key={p.name} value={i}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <FormulaInput
          label={`f(${names.join(', ')}) =`}
          name="f"
          text={draft.f}
          onText={(t) => edit('f', t)}
          error={checked.ok ? null : checked.error}
          summary={checked.ok ? `a function of ${names.join(', ')}: vectors have ${n} numbers` : null}
        />
        <div className="point-vectors">
          <TextField label={`point (${names.join(', ')})`} value={draft.at} error={faults.at} onText={(t) => edit('at', t)} />
          <TextField label="v (for H v)" value={draft.v} error={faults.v} onText={(t) => edit('v', t)} />
          <TextField label="g (for H⁻¹ g)" value={draft.g} error={faults.g} onText={(t) => edit('g', t)} />
          <TextField label="CG iterations" value={draft.cgIters} error={faults.cgIters} onText={(t) => edit('cgIters', t)} />
          <TextField label="CG damping λ" value={draft.damping} error={faults.damping} onText={(t) => edit('damping', t)} />
          <label>
            Precision{' '}
            <select value={settings.precision} onChange={(e) => usePoint.getState().set({ ...settings, precision: e.target.value as RunPrecision })}>
              <option value="float64">float64 (cpu64)</option>
              <option value="float32">float32 (tfjs)</option>
            </select>
          </label>
        </div>
      </div>
      {(!checked.ok || Object.values(faults).some(Boolean)) && <p className="aside">The numbers below are for the last settings that checked.</p>}
      {pending && !result && <p className="aside">Computing…</p>}
      {error && (
        <p className="notice-inline" role="alert">
          {error}
        </p>
      )}
      {result && <PointResultView result={result} settings={settings} />}
    </Cell>
  );
}

function TextField({ label, value, error, onText }: { label: string; value: string; error: string | null; onText(t: string): void }) {
  const errorId = useId();
  return (
    <span className="field">
      <label>
        <span className="field-label">{label} </span>
        <input type="text" value={value} spellCheck={false} autoComplete="off" aria-invalid={error !== null} aria-describedby={error ? errorId : undefined} onChange={(e) => onText(e.target.value)} />
      </label>
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}



/** A vector with every digit its precision carries (the seed printed float32's). */
function Numbers({ xs, name, precision }: { xs: readonly number[]; name: string; precision: RunPrecision }) {
  return (
    <td data-name={name} data-value={JSON.stringify(xs)}>
      ({xs.map((x) => precisionNumber(x, precision)).join(', ')})
    </td>
  );
}

function PointResultView({ result, settings }: { result: PointReport; settings: PointSettings }) {
  const { eigenvalues } = result;
  const definite = eigenvalues.every((l) => l > 0) ? 'positive definite' : eigenvalues.some((l) => l < 0) && eigenvalues.some((l) => l > 0) ? 'indefinite (a saddle)' : eigenvalues.every((l) => l < 0) ? 'negative definite' : 'singular';
  const figure = useMemo(() => cgTraceFigure(result.cgTrace ?? []), [result]);
  const number = (x: number) => precisionNumber(x, result.precision);
  const vector = (xs: readonly number[]) => `(${xs.join(', ')})`;
  const build = useMemo(() => () => figure, [figure]);
  return (
    <div className="point-result">
      <table className="results point-table" aria-label="At the point">
        <tbody>
          <tr>
            <th scope="row">f</th>
            <td data-name="value" data-value={result.value}>
              {number(result.value)}
            </td>
          </tr>
          <tr>
            <th scope="row">∇f</th>
            <Numbers name="grad" xs={result.grad} precision={result.precision} />
          </tr>
          <tr>
            <th scope="row">H</th>
            <td data-name="hessian" data-value={JSON.stringify(result.hessian)}>
              <table className="matrix" aria-label="Hessian">
                <tbody>
                  {result.hessian.map((row, i) => (
                    <tr key={i}>
                      {row.map((h, j) => (
                        <td key={j}>
                          {number(h)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </td>
          </tr>
          <tr>
            <th scope="row">eigenvalues of H</th>
            <td data-name="eigenvalues" data-value={JSON.stringify(eigenvalues)}>
              ({eigenvalues.map(number).join(', ')}): {definite}
            </td>
          </tr>
          <tr>
            <th scope="row">H v, v = {vector(settings.v)}</th>
            <Numbers name="hvp" xs={result.hvp ?? []} precision={result.precision} />
          </tr>
          <tr>
            <th scope="row">H⁻¹ g (dense solve), g = {vector(settings.g)}</th>
            {result.solve ? (
              <Numbers name="solve" xs={result.solve} precision={result.precision} />
            ) : (
              <td data-name="solve">{result.singular ?? 'H is singular.'}</td>
            )}
          </tr>
          <tr>
            <th scope="row">
              (H + {settings.damping} I)⁻¹ g by CG, {result.cgIterations} of {settings.cgIters} iterations
            </th>
            <Numbers name="cg" xs={result.cg ?? []} precision={result.precision} />
          </tr>
        </tbody>
      </table>
      {result.negativeCurvature && (
        <p className="notice-inline" role="status">
          {result.negativeCurvature}
        </p>
      )}
      <PlotlyFigure chart="cg" title="CG: residual and distance to the solution" build={build} version={figure} height={300} />
    </div>
  );
}
