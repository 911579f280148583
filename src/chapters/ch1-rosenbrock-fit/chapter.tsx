/**
 * Chapter 1: fitting Rosenbrock's (a, b) to nine samples, after seed 000. Five optimizers race from
 * (5, 5); the page shows their paths on the loss contour, the loss, gradient norm and mu per step,
 * a results table and the seed-style log.
 */
import { chapterHeading } from '../../catalog';
import { TeX } from '../../ui/math';
import { TwoParameterLab } from '../../ui/two-parameter-lab';

/** The contour's view: the start, the truth and most paths (Adam's lr-15 path swings beyond). */
const A_RANGE: [number, number] = [-1, 8];
const B_RANGE: [number, number] = [-1, 8];

export function RosenbrockFitChapter() {
  return (
    <article className="chapter" id="ch1">
      <h2>{chapterHeading('rosenbrock-fit')}</h2>
      <p>
        Rosenbrock&rsquo;s function has two parameters. We sample it at the nine grid points{' '}
        <TeX tex="(x, y) \in \{-2, 0, 2\}^2" /> with the true values <TeX tex="a = b = 2.5" />, forget them, and ask each
        optimizer to recover them from the guess <TeX tex="(a, b) = (5, 5)" />:
      </p>
      <TeX block tex="z = (a - x)^2 + b\,(y - x^2)^2, \qquad r_i = z_i - \hat z_i(a, b), \qquad L(a, b) = \frac{1}{9}\sum_{i=1}^{9} r_i^2" />
      <p>
        Each method below turns the same derivatives into a step. First-order methods use only the gradient{' '}
        <TeX tex="\nabla L" />; Newton uses the exact Hessian <TeX tex="H" />; Gauss-Newton and Levenberg-Marquardt use the residual
        Jacobian <TeX tex="J = \partial r / \partial p" /> and approximate <TeX tex="H \approx \tfrac{2}{9} J^\top J" />.
        Levenberg-Marquardt adds <TeX tex="\mu I" /> and adapts <TeX tex="\mu" />: a trial that raises the loss is rejected and{' '}
        <TeX tex="\mu" /> grows tenfold; an accepted one divides it by ten.
      </p>
      <p className="aside">
        Everything runs in your browser, in a Web Worker, with TensorFlow.js in float32. Gradient descent therefore stops near{' '}
        <TeX tex="9 \times 10^{-10}" />, short of the <TeX tex="10^{-10}" /> target the float64 original reached at step 582: once{' '}
        <TeX tex="\eta\,\lVert\nabla L\rVert" /> falls below half the gap between float32 numbers near 2.5 (about{' '}
        <TeX tex="1.2 \times 10^{-7}" />), <TeX tex="p - \eta \nabla L" /> rounds back to <TeX tex="p" /> and the run is marked stalled.
        Set <em>Precision</em> to float64 to run the same code on this page&rsquo;s own float64 backend, which reproduces the
        seed&rsquo;s log and stops (582, 317, 6 and 4 steps), or to both, to see float32 (solid) and float64 (dashed) side by
        side with each one&rsquo;s floor.
      </p>
      <TwoParameterLab problem="rosenbrock-fit" xRange={A_RANGE} yRange={B_RANGE} />
    </article>
  );
}
