#!/usr/bin/env python3
"""Float64 NumPy reference for chapter 4 (Rahimi's ill-conditioned linear net, seed 002).

The benchmark times this against the browser app running the same experiment, so every run
does the per-step work of the seed's own loop:

* data: A = linspace(1, 1e-5, 10)[:, None] * U with U ~ uniform[0, 1) (10x6), X ~ N(0, I)
  (6 x 1000), Y = A X; start W1 (10x6), W2 (6x6) ~ N(0, 1). Draws come from
  numpy.random.default_rng(seed), in the seed's order (W1, W2, U, X); they are not the same
  numbers as the app's generator, so losses agree with the app's in kind, not digit for digit.
* loss: sum of squared errors ||Y - W1 W2 X||^2.
* first-order runs (3000 steps): gradient descent at lr 1e-6 .. 1e-3 and Adam at lr
  1e-5 .. 1e-2, gradients in closed form. Like the seed's TensorFlow loop, each step evaluates
  the loss, the gradient and its norm, then updates, so the loss recorded at step k is the one
  before update k. Adam is TensorFlow 1's: lr_t = lr sqrt(1 - b2^t) / (1 - b1^t) and
  p -= lr_t m / (sqrt(v) + eps).
* least-squares runs (200 steps, scale 0.05 and 0.2): at each step the Jacobian of the
  linearised residual, [kron((W2 X)^T, I_10), kron(X^T, W1)] (10000 x 96, column-major vec),
  is built as the seed builds it, the minimum-norm lstsq solution is taken, and the weights move
  by scale times it; the loss is recorded after the step. J has rank 60 of 96 (W1 M, M^-1 W2
  give the same product), so the singular-value cutoff matters: rcond=None (eps * 10000) drops
  the null space cleanly. The seed's NumPy defaulted to rcond=-1 (machine eps), which keeps
  some null-space directions: with it the 0.2 run stalls near 1e-5 instead of reaching about
  1e-27. The seed's printed LM loss, np.sum(E)**2, is a slip for the sum of squares used here.

A run whose loss is not finite or exceeds 1e30 stops there and is reported as diverged (the
seed's runs would show nan). Prints one line of JSON; timings exclude imports and data creation.
"""
import argparse
import json
import os
import time

import numpy as np

DIVERGED = 1e30
GD_RATES = (1e-6, 1e-5, 1e-4, 1e-3)
ADAM_RATES = (1e-5, 1e-4, 1e-3, 1e-2)
LSQ_SCALES = (0.05, 0.2)


def make_problem(seed, n=1000, xdim=6, wdim=6, ydim=10):
    rng = np.random.default_rng(seed)
    w1 = rng.standard_normal((ydim, wdim))
    w2 = rng.standard_normal((wdim, xdim))
    a = np.linspace(1, 1e-5, ydim)[:, None] * rng.random((ydim, xdim))
    x = rng.standard_normal((xdim, n))
    return x, a @ x, w1, w2


def is_diverged(loss):
    return not np.isfinite(loss) or loss > DIVERGED


def result(label, losses):
    last = losses[-1]
    return {
        "label": label,
        "steps": len(losses),
        "final_loss": float(last) if np.isfinite(last) else None,
        "diverged": bool(is_diverged(last)),
    }


def loss_and_grads(x, y, w1, w2):
    """Loss, dL/dW1, dL/dW2 and the gradient norm the seed records at every step."""
    h = w2 @ x
    e = y - w1 @ h
    g1 = -2.0 * e @ h.T
    g2 = -2.0 * w1.T @ (e @ x.T)
    norm = np.sqrt(np.sum(g1 * g1) + np.sum(g2 * g2))
    return np.sum(e * e), g1, g2, norm


def gradient_descent(x, y, w1, w2, lr, steps):
    losses = []
    for _ in range(steps):
        loss, g1, g2, _norm = loss_and_grads(x, y, w1, w2)
        losses.append(loss)
        if is_diverged(loss):
            break
        w1 = w1 - lr * g1
        w2 = w2 - lr * g2
    return losses


def adam(x, y, w1, w2, lr, steps, b1=0.9, b2=0.999, eps=1e-8):
    params = [w1, w2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    losses = []
    for t in range(1, steps + 1):
        loss, g1, g2, _norm = loss_and_grads(x, y, *params)
        losses.append(loss)
        if is_diverged(loss):
            break
        lr_t = lr * np.sqrt(1 - b2**t) / (1 - b1**t)
        for i, g in enumerate((g1, g2)):
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            params[i] = params[i] - lr_t * m[i] / (np.sqrt(v[i]) + eps)
    return losses


def unvec(v, shape):
    """Inverse of the column-major vec used in the Jacobian."""
    return v.reshape(shape, order="F")


def least_squares_step(x, y, w1, w2, scale):
    h = w2 @ x
    e = y - w1 @ h
    jac = np.hstack((np.kron(h.T, np.eye(w1.shape[0])), np.kron(x.T, w1)))
    delta = np.linalg.lstsq(jac, e.ravel(order="F"), rcond=None)[0]
    w1 = w1 + scale * unvec(delta[: w1.size], w1.shape)
    w2 = w2 + scale * unvec(delta[w1.size :], w2.shape)
    return w1, w2


def least_squares(x, y, w1, w2, scale, steps):
    losses = []
    for _ in range(steps):
        w1, w2 = least_squares_step(x, y, w1, w2, scale)
        e = y - w1 @ (w2 @ x)
        losses.append(np.sum(e * e))
        if is_diverged(losses[-1]):
            break
    return losses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="300 first-order and 20 least-squares steps")
    args = parser.parse_args()
    first_steps, lsq_steps = (300, 20) if args.quick else (3000, 200)

    x, y, w1, w2 = make_problem(args.seed)
    runs = []
    start = time.perf_counter()
    for lr in GD_RATES:
        runs.append(result(f"gd lr {lr:g}", gradient_descent(x, y, w1, w2, lr, first_steps)))
    for lr in ADAM_RATES:
        runs.append(result(f"adam lr {lr:g}", adam(x, y, w1, w2, lr, first_steps)))
    middle = time.perf_counter()
    for scale in LSQ_SCALES:
        runs.append(result(f"lstsq scale {scale:g}", least_squares(x, y, w1, w2, scale, lsq_steps)))
    end = time.perf_counter()

    print(json.dumps({
        "numpy": np.__version__,
        "seed": args.seed,
        "quick": args.quick,
        "total_s": end - start,
        "first_order_s": middle - start,
        "least_squares_s": end - middle,
        "env": {
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
            "cpu_count": os.cpu_count(),
        },
        "runs": runs,
    }))


if __name__ == "__main__":
    main()
