/**
 * Chapter 7: your own function. Type f(x, y) (or pick a classic test function) and race every
 * optimizer that applies on it, with the contour and paths of chapter 2.
 */
import { useCallback, useMemo, useState } from 'react';
import { chapterHeading, FORMULA_PRESETS, type FormulaPreset } from '../../catalog';
import { useExperiment } from '../../state/experiment-store';
import { FormulaField, formulaCapabilities } from '../../ui/formula-field';
import { TeX } from '../../ui/math';
import { TwoParameterLab } from '../../ui/two-parameter-lab';

/** A view around the start for a formula of the reader's own, until a preset gives one. */
const around = (v: number): [number, number] => [v - 5, v + 5];

export function YourFunctionChapter() {
  const experiment = useExperiment((s) => s.experiment);
  const formula = experiment.formula ?? '';
  const matching = FORMULA_PRESETS.find((p) => p.f === formula);
  // The view stays where it was while the reader edits a formula, so the paths can be compared.
  const [view, setView] = useState(() => (matching ? { x: matching.xRange, y: matching.yRange } : { x: around(experiment.start[0]), y: around(experiment.start[1]) }));
  const onPreset = useCallback((p: FormulaPreset) => setView({ x: p.xRange, y: p.yRange }), []);
  const provides = useMemo(() => formulaCapabilities(formula), [formula]);

  return (
    <article className="chapter" id="ch7">
      <h2>{chapterHeading('your-function')}</h2>
      <p>
        Every function so far was one we chose. Type your own: any formula in <TeX tex="x" /> and <TeX tex="y" /> with{' '}
        <code>+ - * /</code>, powers (<code>^</code> or <code>**</code>), brackets, <code>exp log sqrt sin cos tan atan tanh abs</code>,{' '}
        <code>pi</code> and <code>e</code>. It is parsed here, never run as code, and compiled into the same operations as the
        built-in problems, so the gradient, the Hessian-vector products and the Hessian are exact, in float32 and in float64.
      </p>
      <p>
        Written as a sum of squares, <TeX tex="f = r_1^2 + \dots + r_K^2" />, it also gives the residuals <TeX tex="r_k" /> that
        Gauss-Newton and Levenberg-Marquardt need. Himmelblau&rsquo;s function has four minima of the same height: which one a
        method finds depends on where it starts and how it steps. From <TeX tex="(0, 0)" /> Newton&rsquo;s method does not find
        any of them: it solves <TeX tex="\nabla f = 0" />, and the nearest point where the gradient vanishes is the local
        maximum at <TeX tex="(-0.271, -0.923)" />, where <TeX tex="f = 181.6" />. Click the contour to start everywhere.
      </p>
      <TwoParameterLab
        problem="formula"
        xRange={view.x}
        yRange={view.y}
        minima={matching?.minima}
        provides={provides}
        field={(report) => <FormulaField onValidity={report('the formula')} onPreset={onPreset} />}
      />
    </article>
  );
}
