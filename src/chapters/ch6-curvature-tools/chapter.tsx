/**
 * Chapter 6: curvature tools (seeds 003 and 004). Hessian-vector products by double backprop and
 * H^-1 g by conjugate gradient, without forming H; then what the curvature says about a fit.
 */
import { chapterHeading } from '../../catalog';
import { TeX } from '../../ui/math';
import { DigitsCurvatureCell } from '../../ui/digits-curvature-cell';
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
      <h3 className="section">A net too large to form H</h3>
      <p>
        Chapter 5&rsquo;s digits net has 2,314 parameters: its Hessian would have 5.4 million entries and cost 2,314
        Hessian-vector products. Lanczos needs a few dozen: it builds an orthonormal basis of the Krylov space{' '}
        <TeX tex="v, Hv, H^2v, \dots" /> and the eigenvalues of <TeX tex="H" /> restricted to it (the Ritz values) converge
        first at the two ends of the spectrum, each within its residual <TeX tex="\lVert Hy - \theta y\rVert" /> of a true
        eigenvalue. With the data seed 1, in float32, the Hessian at the initialisation has eigenvalues from −0.67 to 1.11: a
        saddle, not a minimum. After 400 steps of preconditioned SGD they run from −0.10 to 0.79: still a saddle, a flatter one,
        as for most trained nets (training stops where the loss is low, not where every direction curves up).
      </p>
      <p>
        The same net&rsquo;s derivatives with respect to its <em>inputs</em>, seed 003&rsquo;s second question: for a test image,
        each class&rsquo;s probability <TeX tex="p_c" /> differentiated by every pixel, one backward pass per class, drawn as an 8 × 8
        map. Pixels the training set never varies were dropped from the net&rsquo;s inputs (grey).
      </p>
      <DigitsCurvatureCell />
      <h3 className="section">Curvature where a run has got to</h3>
      <p>
        Under every race of chapters 1 to 4, 7 and 8, the cell <em>Curvature where a run has got to</em> computes, in float64 at
        any run&rsquo;s current parameters, the Hessian&rsquo;s spectrum beside the Gauss-Newton matrix{' '}
        <TeX tex="2c\,J^\top J" /> (they differ by the residuals&rsquo; own curvature, so they meet where the fit is exact),
        and the parameters&rsquo; error bars from the inverse Gauss-Newton Hessian, <TeX tex="s^2 (J^\top J)^{-1}" />. On
        chapter 4 it shows <TeX tex="J^\top J" /> of rank 60 of 96: the 36 zero eigenvalues are the net&rsquo;s rescaling
        symmetry (<TeX tex="W_1 \to W_1 A,\ W_2 \to A^{-1} W_2" />), directions the data cannot see, and the error bars say
        so instead of printing infinities. On chapter 3 it draws the net&rsquo;s prediction band along a slice and counts the
        held-out points inside it.
      </p>
    </article>
  );
}
