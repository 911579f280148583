/**
 * Chapter 8: your own data. Paste, open or pick a table, type a model, race the optimizers on the
 * least-squares fit and read the fit's report, certified against NIST's reference problems.
 */
import { chapterHeading } from '../../catalog';
import { FitLab } from '../../ui/fit-lab';
import { TeX } from '../../ui/math';

export function YourDataChapter() {
  return (
    <article className="chapter" id="ch8">
      <h2>{chapterHeading('your-data')}</h2>
      <p>
        Bring a table of measurements and a model, and fit it as a scientist would with scipy&rsquo;s <code>curve_fit</code>, live. Write the model as{' '}
        <code>y = expression</code> (or a transformed response such as <code>log(y) = …</code>): the data&rsquo;s column names are its variables and every
        other name is a parameter, taken in natural order (<code>b2</code> before <code>b10</code>). NIST&rsquo;s notation works as it is:{' '}
        <code>exp[-b2*x]</code>, <code>**</code>. Every optimizer races on the residual sum of squares
      </p>
      <TeX block tex="\mathrm{RSS}(b) = \sum_{i=1}^{n} w_i^2 \,\bigl(y_i - f(x_i; b)\bigr)^2, \qquad w_i = 1/\sigma_i \text{ (or 1)}" />
      <p>
        At the solution the report gives each parameter&rsquo;s standard error from <TeX tex="s^2 (J^\top J)^{-1}" />, with{' '}
        <TeX tex="s^2 = \mathrm{RSS}/(n-p)" />, the correlations, and a 95% confidence band for the curve by the delta method. NIST publishes certified
        answers for its reference problems; pick one of them to see how many digits each precision gets right. Gradient descent and Adam take thousands of
        steps and stop short on these problems: their parameters differ in scale by six orders of magnitude, which Levenberg-Marquardt&rsquo;s steps absorb
        and a single learning rate cannot.
      </p>
      <FitLab />
    </article>
  );
}
