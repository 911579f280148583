/**
 * Chapter 6's digits cell: chapter 5's net trained for some steps, then its Hessian's extreme
 * eigenvalues by Lanczos (2,314 parameters: no dense Hessian), and for one test image each class's
 * map of d p_c / d pixel beside the image and the probabilities. The maps are 8 x 8 tiles drawn as
 * SVG, on one diverging colour scale for all ten (red raises the class's probability, blue lowers it).
 */
import { DIGITS_CURVATURE_LIMITS, type DigitsCurvature, type HyperparameterSpec } from '../catalog';
import { useDigitsCell } from '../state/digits-cell-store';
import { MAX_IMAGE } from '../state/digits-cell-link';
import { Cell } from './cell';
import { NumberField } from './number-field';
import { precisionNumber, tableNumber } from './number-format';

const whole = (name: string, label: string, max: number, value: number): HyperparameterSpec => ({ name, label, tex: '', default: value, integer: true, min: { value: 0, inclusive: true }, max: { value: max, inclusive: true } });
const SEED = whole('seed', 'Data seed', 2 ** 31 - 1, 1);
const STEPS = whole('steps', 'Training steps', DIGITS_CURVATURE_LIMITS.steps.max, 400);
const IMAGE = whole('image', 'Test image', MAX_IMAGE, 0);

export function DigitsCurvatureCell() {
  const { settings, result, error, pending } = useDigitsCell();
  const set = (patch: Partial<typeof settings>) => useDigitsCell.getState().set({ ...settings, ...patch });
  return (
    <Cell title="The digits net: its Hessian's extremes and its input maps">
      <div className="point-vectors">
        <NumberField name="Data seed" spec={SEED} value={settings.seed} onCommit={(seed) => set({ seed })} />
        <NumberField name="Training steps" spec={STEPS} value={settings.steps} onCommit={(steps) => set({ steps })} />
        <NumberField name="Test image" spec={IMAGE} value={settings.image} onCommit={(image) => set({ image })} />
        <button type="button" className="primary" onClick={() => useDigitsCell.getState().compute()} disabled={pending}>
          {pending ? 'Training and computing…' : 'Train and look'}
        </button>
      </div>
      {pending && (
        <p className="aside" role="status">
          Training {settings.steps} steps of preconditioned SGD, then {DIGITS_CURVATURE_LIMITS.lanczos.iterations} Lanczos steps: a few seconds.
        </p>
      )}
      {error && (
        <p className="notice-inline" role="alert">
          {error}
        </p>
      )}
      {result && <DigitsCurvatureView r={result} />}
    </Cell>
  );
}

function DigitsCurvatureView({ r }: { r: DigitsCurvature }) {
  const number = (x: number) => precisionNumber(Number(x.toPrecision(6)), r.precision);
  const predicted = r.probabilities.indexOf(Math.max(...r.probabilities));
  const scale = Math.max(...r.maps.flat().map(Math.abs)) || 1;
  return (
    <div className="digits-curvature" data-testid="digits-curvature">
      <p className="aside" role="status">
        {r.parameters.toLocaleString('en')} parameters after {r.settings.steps} steps: test accuracy {(100 * r.testAccuracy).toFixed(1)}%. {r.precision} on {r.backend}: training{' '}
        {Math.round(r.ms.train)} ms, Lanczos {Math.round(r.ms.lanczos)} ms, the maps {Math.round(r.ms.maps)} ms.
      </p>
      <div className="curvature-columns">
        <div className="results">
          <table aria-label="Extreme eigenvalues" className="covariance-table">
            <caption>
              The Hessian&rsquo;s extremes: {r.iterations} Lanczos steps
            </caption>
            <thead>
              <tr>
                <th scope="col">smallest</th>
                <th scope="col">residual</th>
                <th scope="col">largest</th>
                <th scope="col">residual</th>
              </tr>
            </thead>
            <tbody>
              {r.smallest.map((s, i) => (
                <tr key={i}>
                  <td className="num" data-value={s.value}>
                    {number(s.value)}
                  </td>
                  <td className="num">{tableNumber(s.residual)}</td>
                  <td className="num" data-value={r.largest[i]?.value}>
                    {r.largest[i] ? number(r.largest[i].value) : ''}
                  </td>
                  <td className="num">{r.largest[i] ? tableNumber(r.largest[i].residual) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="aside">A Ritz value is an eigenvalue to within its residual |Hy − θy|.</p>
        </div>
        <div>
          <div className="digit-maps" role="group" aria-label={`Test image ${r.settings.image}, a ${r.label}, and each class's map`}>
            <figure className="digit-tile">
              <Tile values={r.image} scale={NaN} label={`the image, a ${r.label}`} />
              <figcaption>
                image (a {r.label}), predicted {predicted}
              </figcaption>
            </figure>
            {r.maps.map((m, c) => (
              <figure className="digit-tile" key={c} data-class={c} data-probability={r.probabilities[c]}>
                <Tile values={m} scale={scale} label={`d p${c} / d pixel`} />
                <figcaption>
                  {c}: p = {r.probabilities[c].toFixed(3)}
                </figcaption>
              </figure>
            ))}
          </div>
          <p className="aside">Each class&rsquo;s map: how its probability moves with each pixel (red up, blue down, one scale for all ten).</p>
        </div>
      </div>
    </div>
  );
}

/** An 8 x 8 tile: grey levels for the image (scale NaN), a diverging scale for a map; a dropped pixel is hatched grey. */
function Tile({ values, scale, label }: { values: number[]; scale: number; label: string }) {
  const finite = values.filter(Number.isFinite);
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  const fill = (v: number) => {
    if (!Number.isFinite(v)) return 'var(--line)';
    if (Number.isNaN(scale)) {
      const g = Math.round(255 * (1 - (v - lo) / (hi - lo || 1)));
      return `rgb(${g}, ${g}, ${g})`;
    }
    const t = Math.max(-1, Math.min(1, v / scale));
    const w = Math.round(255 * (1 - Math.abs(t)));
    return t >= 0 ? `rgb(255, ${w}, ${w})` : `rgb(${w}, ${w}, 255)`;
  };
  return (
    <svg viewBox="0 0 8 8" role="img" aria-label={label} shapeRendering="crispEdges">
      {values.map((v, k) => (
        <rect key={k} x={k % 8} y={Math.floor(k / 8)} width={1} height={1} fill={fill(v)} />
      ))}
    </svg>
  );
}
