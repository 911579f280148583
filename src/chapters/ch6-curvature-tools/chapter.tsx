/**
 * Chapter 6: curvature tools (seeds 003 and 004). Hessian-vector products by double backprop and
 * H^-1 g by conjugate gradient, without forming H; then what the curvature says about a fit.
 */
import { chapterHeading } from '../../catalog';
import { TeX } from '../../ui/math';
import { PointLab } from '../../ui/point-lab';

export function CurvatureToolsChapter() {
  return (
    <article className="chapter" id="ch6">
      <h2>{chapterHeading('curvature-tools')}</h2>
      <p>
        So far curvature showed itself only through the optimizers that use it. This chapter takes it in hand. The Hessian{' '}
        <TeX tex="H = \nabla^2 f" /> of a net with <TeX tex="n" /> weights has <TeX tex="n^2" /> entries, too many to form for a
        large net; but its product with any vector costs about two gradients. Differentiate the gradient&rsquo;s inner product with
        a fixed <TeX tex="v" /> once more:
      </p>
      <TeX block tex="H v = \nabla_p \big( \nabla_p f(p)^\top v \big)," />
      <p>
        which is what reverse mode does twice (double backprop). Conjugate gradient needs nothing more than such products to solve{' '}
        <TeX tex="H x = g" />: after <TeX tex="k" /> products its answer is the best in the span of{' '}
        <TeX tex="g, Hg, \dots, H^{k-1}g" />, exact after <TeX tex="n" /> of them in exact arithmetic, and its step along a search
        direction <TeX tex="d" /> divides by <TeX tex="d^\top H d" />. Where <TeX tex="H" /> is not positive definite that number
        can be zero or negative: CG then stops and says so, because <TeX tex="H^{-1} g" /> is no longer a step downhill. Damping,{' '}
        <TeX tex="H + \lambda I" />, is what Newton-CG and Levenberg-Marquardt add against that.
      </p>
      <p>
        Seed 004 checked these by hand. For <TeX tex="f = x^3 + 2xy + y^2 - x" /> at <TeX tex="(1, 1)" />:{' '}
        <TeX tex="H = \begin{pmatrix} 6 & 2 \\ 2 & 2 \end{pmatrix}" />, <TeX tex="H (8, 4)^\top = (56, 24)^\top" /> and{' '}
        <TeX tex="H^{-1} (16, 12)^\top = (1, 5)^\top" />. With <TeX tex="+\,z^2" /> at <TeX tex="(3, 1, 5)" />,{' '}
        <TeX tex="H^{-1} (3, 12, 6)^\top = (-0.5625, 6.5625, 3)^\top" />, and ten CG iterations on <TeX tex="H + 10^{-3} I" />{' '}
        printed <TeX tex="(-0.56205505, 6.5587754, 2.9985006)" />: the damped system&rsquo;s answer, in float32. Try the saddle to
        see CG meet negative curvature, and float32 against float64 to see how many of the digits survive.
      </p>
      <PointLab />
    </article>
  );
}
