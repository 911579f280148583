/**
 * Chapter 4: Rahimi's ill-conditioned linear net (seed 002). Gradient descent and Adam stall far
 * above zero at every learning rate; least-squares steps go down to the precision floor.
 */
import { chapterHeading } from '../../catalog';
import { TeX } from '../../ui/math';
import { NetLab } from '../../ui/net-lab';

export function RahimiLinearNetChapter() {
  return (
    <article className="chapter" id="ch4">
      <h2>{chapterHeading('rahimi-linear-net')}</h2>
      <p>
        A linear map whose rows are scaled from 1 down to <TeX tex="10^{-5}" /> generates the data, and a two-layer linear net
        fits it by least squares. The model is as simple as models get, and the data are noiseless, so the loss can go to zero:
      </p>
      <TeX block tex="y = A x,\quad A = \operatorname{diag}(1, \dots, 10^{-5})\, U, \qquad L(W_1, W_2) = \sum_{n=1}^{1000} \lVert y_n - W_1 W_2 x_n \rVert^2" />
      <p>
        Gradient descent and Adam, at four learning rates each, stall orders of magnitude above zero: the directions the small rows
        need are nearly flat, and a learning rate large enough to move along them makes the steep directions diverge. It is an
        optimization floor, not a statistical one. A least-squares step solves the linearised problem instead; since{' '}
        <TeX tex="W_1 M" /> and <TeX tex="M^{-1} W_2" /> give the same product for any invertible <TeX tex="M" />,{' '}
        <TeX tex="J^\top J" /> has rank 60 of 96 and plain Gauss-Newton reports it singular, so the step takes a small fixed damping
        that makes it (nearly) the minimum-norm one, scaled by 0.05 or 0.2.
      </p>
      <p>
        In float32 the step-0.2 run ends near <TeX tex="10^{-9}" />, where its step rounds to nothing and it stops as stalled; the
        seed&rsquo;s float64 run went on to about <TeX tex="10^{-26}" />. The first-order runs stall for the reason above, not for
        precision: their losses sit far above the float32 floor (drawn on the chart for the data of seed 1, where it was measured).
      </p>
      <p className="aside">
        How this page computes it: the eight first-order runs step together as one computation, their parameters stacked in a{' '}
        <TeX tex="8 \times 96" /> matrix, and the loss is evaluated from the data&rsquo;s moments,{' '}
        <TeX tex="L = \lVert Y \rVert^2 + \langle W, W S - 2 Y X^\top \rangle" /> with <TeX tex="W = W_1 W_2" /> and{' '}
        <TeX tex="S = X X^\top" />, which costs the same for 1,000 samples as for a million. The least-squares steps form{' '}
        <TeX tex="J^\top J" /> from the Kronecker blocks of the Jacobian rather than its 10,000 rows.
      </p>
      <NetLab problem="rahimi-linear-net" />
    </article>
  );
}
