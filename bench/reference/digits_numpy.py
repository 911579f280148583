#!/usr/bin/env python3
"""Float64 NumPy reference for chapter 5 (preconditioned SGD on digits, seed 001).

The benchmark times this against the browser app sweeping the same curve, so each step does the
work of the seed's training loop, no more and no less:

* data: the app's own file, src/engine/data/digits.csv.gz (1,797 rows: 64 pixels in 0-16, then the
  label). Rows are permuted by numpy.random.default_rng(seed); the first ceil(0.3 n) = 540 are the
  test split. Pixels are standardised with the training split's mean and population std,
  (x - mean) / (std + 1e-8), and those constant on the training split are dropped (about 61 kept).
* model: d -> 32 tanh -> 10 softmax, Xavier-uniform start as the seed drew it (W1 and b1 within
  +-sqrt(6 / (d + 32)), W2 and b2 within +-sqrt(6 / (10 + 32))). Loss 'cross-entropy' is the
  softmax cross-entropy of the logits; loss 'seed' is the seed's slip, cross-entropy taken with the
  softmax output as logits (it trains on softmax(softmax(z))). Gradients by hand, in closed form.
* optimizer (Mandt, Hoffman and Blei 2017, as the seed runs it), all elementwise over the N
  parameters: C starts uniform in [0, sqrt(6 / N)]. Every step draws a minibatch of 32 training rows
  and one more row, with replacement; with g the minibatch's mean gradient and g1 the single row's,
  C <- (1 - 1/t) C + (1/t) (g1 - g)^2, then w <- w - lr * mask * 2B / (N C) * g and t += 1
  (lr 0.01, B 32). The first step of each fit updates C only (the seed's `if i == 0: continue`).
  A fresh fit starts t at 10 with new weights and C; the warm-started second fit carries t on.
  The minibatch gradient is computed once per step: the seed's graph evaluates it twice (once for
  C, once for the weights, on the same weights and batch, so the same numbers); the app, like this
  script, does it once.
* experiment, one curve: for each p of linspace(0, 1, 51) (pruning leaves out p = 1) and each
  repeat, a fresh model fits 200 steps, is intervened on, fits 3000 more, and is scored by accuracy
  on the whole training and test splits. Each tensor (W1, b1, W2, b2) loses int(size * p) entries:
  prune sets the smallest |w| ('minimal') or random ones to 0 and freezes them there; disable
  freezes, where they are, those with the smallest |g / C| ('H', g the whole training split's
  gradient), the smallest |g| ('minimal') or random ones. Sorts are stable, as the app's are.

Random draws come from numpy's generator, not the app's, so accuracies agree with the app's in size,
not digit for digit. The timing covers the curve (training, interventions and scoring), not the
imports or the data loading. Prints one line of JSON.
"""
import argparse
import gzip
import json
import math
import os
import time

import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "engine", "data", "digits.csv.gz")
HIDDEN = 32
CLASSES = 10
LR = 0.01
BATCH = 32
T0 = 10.0
TEST_FRACTION = 0.3
MODES = {"prune": ("minimal", "random"), "disable": ("H", "minimal", "random")}


def load_split(rng):
    with gzip.open(DATA, "rt") as f:
        raw = np.loadtxt(f, delimiter=",", dtype=np.float64)
    x, y = raw[:, :-1], raw[:, -1].astype(np.int64)
    order = rng.permutation(len(y))
    n_test = math.ceil(TEST_FRACTION * len(y))
    test, train = order[:n_test], order[n_test:]
    mean = x[train].mean(axis=0)
    std = x[train].std(axis=0)
    keep = std > 0
    scale = lambda rows: ((x[rows] - mean) / (std + 1e-8))[:, keep]
    return scale(train), y[train], scale(test), y[test]


class Net:
    """One model's flat parameter vector with W1, b1, W2, b2 as views into it (and the same layout
    for gradients), so the optimizer's elementwise updates are single operations over all N."""

    def __init__(self, d):
        self.shapes = [(d, HIDDEN), (HIDDEN,), (HIDDEN, CLASSES), (CLASSES,)]
        self.sizes = [int(np.prod(s)) for s in self.shapes]
        self.offsets = np.cumsum([0] + self.sizes)
        self.n = int(self.offsets[-1])

    def views(self, flat):
        return [flat[a:b].reshape(s) for a, b, s in zip(self.offsets[:-1], self.offsets[1:], self.shapes)]

    def init(self, rng):
        d = self.shapes[0][0]
        r1, r2 = math.sqrt(6.0 / (d + HIDDEN)), math.sqrt(6.0 / (CLASSES + HIDDEN))
        return np.concatenate([rng.uniform(-r, r, size) for r, size in zip((r1, r1, r2, r2), self.sizes)])


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def gradient(x, onehot, params, out, seed_loss):
    """Mean loss gradient over the rows of x, written into `out` (the views of a flat vector)."""
    w1, b1, w2, b2 = params
    g_w1, g_b1, g_w2, g_b2 = out
    h = np.tanh(x @ w1 + b1)
    s = softmax(h @ w2 + b2)
    if seed_loss:
        # L = -log softmax(s)_y: dL/ds = softmax(s) - onehot, then back through s = softmax(z).
        ds = (softmax(s) - onehot) / len(x)
        dz = s * (ds - np.sum(s * ds, axis=1, keepdims=True))
    else:
        dz = (s - onehot) / len(x)
    np.matmul(h.T, dz, out=g_w2)
    np.sum(dz, axis=0, out=g_b2)
    da = (dz @ w2.T) * (1.0 - h * h)
    np.matmul(x.T, da, out=g_w1)
    np.sum(da, axis=0, out=g_b1)


def accuracy(x, y, params):
    w1, b1, w2, b2 = params
    return float(np.mean(np.argmax(np.tanh(x @ w1 + b1) @ w2 + b2, axis=1) == y))


class Model:
    def __init__(self, net, rng):
        self.net = net
        self.w = net.init(rng)
        self.c = rng.uniform(0.0, math.sqrt(6.0 / net.n), net.n)
        self.mask = np.ones(net.n)
        self.t = T0
        self.params = net.views(self.w)

    def fit(self, x, onehot, steps, rng, seed_loss):
        net = self.net
        g, g1 = np.empty(net.n), np.empty(net.n)
        g_views, g1_views = net.views(g), net.views(g1)
        step_scale = LR * 2.0 * BATCH / net.n
        draws = rng.integers(0, len(x), size=(steps, BATCH + 1))
        for i in range(steps):
            batch, one = draws[i, :BATCH], draws[i, BATCH:]
            gradient(x[batch], onehot[batch], self.params, g_views, seed_loss)
            gradient(x[one], onehot[one], self.params, g1_views, seed_loss)
            k = 1.0 / self.t
            self.c *= 1.0 - k
            self.c += k * (g1 - g) ** 2
            if i == 0:
                continue
            self.w -= step_scale * self.mask * g / self.c
            self.t += 1.0

    def choose(self, p, score, rng):
        """Flat indices: int(size * p) per tensor, the lowest `score` first, or random if None."""
        chosen = []
        for a, size in zip(self.net.offsets[:-1], self.net.sizes):
            count = int(size * p)
            if score is None:
                picked = rng.choice(size, count, replace=False)
            else:
                picked = np.argsort(score[a : a + size], kind="stable")[:count]
            chosen.append(a + picked)
        return np.concatenate(chosen)

    def prune(self, p, mode, rng):
        idx = self.choose(p, np.abs(self.w) if mode == "minimal" else None, rng)
        self.w[idx] = 0.0
        self.mask[idx] = 0.0

    def disable(self, p, mode, x, onehot, rng, seed_loss):
        score = None
        if mode != "random":
            g = np.empty(self.net.n)
            gradient(x, onehot, self.params, self.net.views(g), seed_loss)
            score = np.abs(g / self.c) if mode == "H" else np.abs(g)
        self.mask[self.choose(p, score, rng)] = 0.0


def pick_ps(kind, count):
    """The seed's p grid, or `count` evenly spaced values of it (on the 51-value grid; for pruning,
    which has no p = 1, the last becomes 0.98), so --ps 11 gives 0, 0.1, ..., 0.9 and 1 or 0.98."""
    grid = np.linspace(0, 1, 51)
    if kind == "prune":
        grid = grid[:-1]
    if count is None or count >= len(grid):
        return grid
    idx = np.minimum(np.round(np.linspace(0, 50, count)).astype(int), len(grid) - 1)
    return grid[np.unique(idx)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kind", choices=sorted(MODES), default="prune")
    parser.add_argument("--mode", default="minimal", help="prune: minimal, random; disable: H, minimal, random")
    parser.add_argument("--loss", choices=("cross-entropy", "seed"), default="cross-entropy")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--ps", type=int, default=None, help="at most this many evenly spaced values of p (a smoke check)")
    parser.add_argument("--steps", type=int, default=3000, help="steps after the intervention")
    parser.add_argument("--warmup", type=int, default=200, help="steps before the intervention")
    args = parser.parse_args()
    if args.mode not in MODES[args.kind]:
        parser.error(f"--mode for {args.kind} is one of {', '.join(MODES[args.kind])}")
    if args.repeats < 1 or (args.ps is not None and args.ps < 1) or args.warmup < 1 or args.steps < 1:
        parser.error("--repeats, --ps, --warmup and --steps must be at least 1")
    seed_loss = args.loss == "seed"

    rng = np.random.default_rng(args.seed)
    x_train, y_train, x_test, y_test = load_split(rng)
    onehot = np.eye(CLASSES)[y_train]
    net = Net(x_train.shape[1])
    ps = pick_ps(args.kind, args.ps)

    curve = []
    start = time.perf_counter()
    for p in ps:
        train_acc, test_acc = [], []
        for _ in range(args.repeats):
            model = Model(net, rng)
            model.fit(x_train, onehot, args.warmup, rng, seed_loss)
            if args.kind == "prune":
                model.prune(p, args.mode, rng)
            else:
                model.disable(p, args.mode, x_train, onehot, rng, seed_loss)
            model.fit(x_train, onehot, args.steps, rng, seed_loss)
            train_acc.append(accuracy(x_train, y_train, model.params))
            test_acc.append(accuracy(x_test, y_test, model.params))
        curve.append({
            "p": float(p),
            "train_mean": float(np.mean(train_acc)),
            "test_mean": float(np.mean(test_acc)),
            "test_min": float(np.min(test_acc)),
            "test_max": float(np.max(test_acc)),
        })
    total = time.perf_counter() - start
    models = len(ps) * args.repeats

    print(json.dumps({
        "numpy": np.__version__,
        "kind": args.kind,
        "mode": args.mode,
        "loss": args.loss,
        "seed": args.seed,
        "repeats": args.repeats,
        "ps": [float(p) for p in ps],
        "features": net.shapes[0][0],
        "params": net.n,
        "models": models,
        "steps_per_model": args.warmup + args.steps,
        "total_s": total,
        "per_model_s": total / models,
        "env": {
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
            "cpu_count": os.cpu_count(),
        },
        "curve": curve,
    }))


if __name__ == "__main__":
    main()
