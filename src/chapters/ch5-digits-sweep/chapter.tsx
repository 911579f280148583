/**
 * Chapter 5: SGD as approximate Bayesian inference (seed 001; Mandt, Hoffman and Blei 2017). The
 * preconditioner tells which weights matter: prune or freeze a fraction p of a digits classifier's
 * weights and see how much accuracy survives.
 */
import { chapterHeading } from '../../catalog';
import { TeX } from '../../ui/math';
import { RaceLab } from '../../ui/race-lab';
import { SweepLab } from '../../ui/sweep-lab';

export function DigitsSweepChapter() {
  return (
    <article className="chapter" id="ch5">
      <h2>{chapterHeading('digits-sweep')}</h2>
      <p>
        Mandt, Hoffman and Blei (2017) read stochastic gradient descent as a sampler: with a constant learning rate its iterates
        wander around a minimum like draws from a posterior, and the right preconditioner makes that stationary distribution
        the posterior itself. Its diagonal needs the noise of the minibatch gradients, estimated online from the difference between
        one example&rsquo;s gradient <TeX tex="g_1" /> and the minibatch&rsquo;s <TeX tex="g" />:
      </p>
      <TeX block tex="C \leftarrow (1 - k_t)\, C + k_t\, (g_1 - g)^2,\quad k_t = \tfrac{1}{t}, \qquad H = \frac{2B}{N C}, \qquad w \leftarrow w - \eta\, H \odot g" />
      <p>
        with batch size <TeX tex="B = 32" />, <TeX tex="N" /> parameters, <TeX tex="\eta = 0.01" /> and <TeX tex="t" /> counted
        from 10. A weight with a small <TeX tex="|H g|" /> barely moves; a small weight barely matters. The sweep tests both: a
        61-32-10 tanh net learns the 8&times;8 digits (a 70/30 split by the data seed, standardised on the training part) for 200
        steps; then a fraction <TeX tex="p" /> of its weights is pruned (set to zero and frozen) or disabled (frozen where it is),
        chosen by size or at random, and it trains 3,000 steps more.
      </p>
      <p>
        All the models of one repeat (every mode and every <TeX tex="p" />) train together as one computation, and they see the
        same minibatches: each model&rsquo;s examples are as random as its own would be, the comparison between modes is less
        noisy, and the first layer of every model becomes one wide matrix product. The repeats draw their own examples, their
        own starts and their own noise estimates, so the bands show how much a result varies from one training to the next.
      </p>
      <p className="aside">
        Two quirks of the seed notebook, which this page can reproduce. Its loss took the network&rsquo;s softmax output as the
        logits of the cross-entropy, so it trained on <TeX tex="\mathrm{softmax}(\mathrm{softmax}(z))" />, whose loss cannot go
        below <TeX tex="\log(e + 9) - 1 \approx 1.46" /> and whose gradients are small; choose the seed&rsquo;s loss to see its
        curves, the correct cross-entropy is the default. And the accuracy it called validation was a streaming metric pooled over
        train and test; here train and test accuracy are measured separately, on the whole of each split, at the end.
      </p>
      <RaceLab />
      <SweepLab />
    </article>
  );
}
