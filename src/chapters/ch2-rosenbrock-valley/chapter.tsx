/**
 * Chapter 2: the Rosenbrock valley, the classic test of optimizers: a curved, narrow, almost flat
 * valley. Every optimizer of the notebook, each with its own settings; click to restart anywhere.
 */
import { chapterHeading } from '../../catalog';
import { TeX } from '../../ui/math';
import { TwoParameterLab } from '../../ui/two-parameter-lab';

const X_RANGE: [number, number] = [-2, 2];
const Y_RANGE: [number, number] = [-1, 3];

export function RosenbrockValleyChapter() {
  return (
    <article className="chapter" id="ch2">
      <h2>{chapterHeading('rosenbrock-valley')}</h2>
      <p>
        The function Rosenbrock proposed in 1960 to test optimizers has its minimum at <TeX tex="(1, 1)" /> at the bottom of a long,
        curved valley. Finding the valley is easy; following it is not, because the curvature across it is about a thousand times
        the curvature along it:
      </p>
      <TeX block tex="f(x, y) = (1 - x)^2 + 100\,(y - x^2)^2 = r_1^2 + r_2^2, \qquad r = \bigl(1 - x,\; 10\,(y - x^2)\bigr)" />
      <p>
        The residual form lets Gauss-Newton and Levenberg-Marquardt run too. Gradient descent must take steps small enough for the
        steep walls and so crawls along the floor; momentum and the adaptive methods move faster along it; Newton&rsquo;s method and
        the least-squares methods use the curvature and arrive in a handful of steps. The Hessian at the minimum,{' '}
        <TeX tex="\begin{pmatrix} 802 & -400 \\ -400 & 200 \end{pmatrix}" />, has a condition number of about 2,500.
      </p>
      <TwoParameterLab problem="rosenbrock-valley" xRange={X_RANGE} yRange={Y_RANGE} />
    </article>
  );
}
