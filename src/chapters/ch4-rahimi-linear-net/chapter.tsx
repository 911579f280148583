/**
 * Chapter 4: Rahimi's ill-conditioned linear net (seed 002). Gradient descent and Adam stall far
 * above zero at every learning rate; least-squares steps go down to the precision floor.
 */
import { TeX } from '../../ui/math';
import { NetLab } from '../../ui/net-lab';

export function RahimiLinearNetChapter() {
  return (
    <article className="chapter" id="ch4">
      <h2>4. Rahimi&rsquo;s ill-conditioned linear net</h2>
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
      <NetLab problem="rahimi-linear-net" />
    </article>
  );
}
