import type { HyperparameterSpec } from './hyperparameters';

export const OPTIMIZER_IDS = ['gd', 'momentum', 'rmsprop', 'adam', 'newton', 'newton-cg', 'gauss-newton', 'lm', 'psgd', 'bfgs', 'lbfgs'] as const;
export type OptimizerId = (typeof OPTIMIZER_IDS)[number];

/**
 * What an optimizer asks of a problem. A pairing that lacks one is refused before it runs.
 * 'minibatches': a training set to draw examples from, so that gradients can be sampled.
 */
export type Capability = 'grad' | 'hvp' | 'hessian' | 'residuals' | 'minibatches';

export interface OptimizerInfo {
  id: OptimizerId;
  label: string;
  /** One line of KaTeX: the update rule. */
  updateTex: string;
  needs: Capability[];
  hyperparameters: readonly HyperparameterSpec[];
  /** Whether the method carries a damping mu worth plotting. */
  hasMu: boolean;
  /** Whether it tries steps it may reject (LM's damping, a line search's trials): their count per step is drawn. */
  trials?: boolean;
  /** Dense methods solve a dim x dim system; above this many parameters they are refused. */
  maxParams?: number;
}

const positive = { value: 0, inclusive: false };
const lr = (value: number) => ({
  name: 'lr', label: 'Learning rate', short: 'lr', tex: '\\eta', default: value, min: positive, logScale: true,
}) as const satisfies HyperparameterSpec;
const unitOpen = { min: { value: 0, inclusive: true }, max: { value: 1, inclusive: false } };

export const OPTIMIZERS = {
  gd: {
    id: 'gd',
    label: 'Gradient descent',
    updateTex: 'p_{k+1} = p_k - \\eta\\, \\nabla L(p_k)',
    needs: ['grad'],
    hyperparameters: [lr(1e-3)],
    hasMu: false,
  },
  momentum: {
    id: 'momentum',
    label: 'Momentum',
    updateTex: 'v_{k+1} = \\beta v_k + \\nabla L(p_k),\\; p_{k+1} = p_k - \\eta\\, v_{k+1}',
    needs: ['grad'],
    hyperparameters: [lr(1e-4), { name: 'momentum', label: 'momentum', short: 'β', tex: '\\beta', default: 0.9, ...unitOpen }],
    hasMu: false,
  },
  rmsprop: {
    id: 'rmsprop',
    label: 'RMSProp',
    updateTex: 's_{k+1} = \\rho s_k + (1-\\rho) g_k^2,\\; p_{k+1} = p_k - \\eta\\, g_k / (\\sqrt{s_{k+1}} + \\epsilon)',
    needs: ['grad'],
    hyperparameters: [
      lr(1e-2),
      { name: 'rho', label: 'decay', short: 'ρ', tex: '\\rho', default: 0.9, ...unitOpen },
      { name: 'eps', label: 'epsilon', short: 'ε', tex: '\\epsilon', default: 1e-8, min: positive, logScale: true },
    ],
    hasMu: false,
  },
  adam: {
    id: 'adam',
    label: 'Adam',
    updateTex:
      'm_k = \\beta_1 m_{k-1} + (1-\\beta_1) g_k,\\; v_k = \\beta_2 v_{k-1} + (1-\\beta_2) g_k^2,\\; p_{k+1} = p_k - \\eta \\tfrac{\\sqrt{1-\\beta_2^k}}{1-\\beta_1^k} \\tfrac{m_k}{\\sqrt{v_k} + \\hat\\epsilon}\\; \\text{or (paper) } p_k - \\eta \\tfrac{\\hat m_k}{\\sqrt{\\hat v_k} + \\epsilon}',
    needs: ['grad'],
    hyperparameters: [
      lr(1e-2),
      { name: 'b1', label: 'beta1', short: 'β1', tex: '\\beta_1', default: 0.9, ...unitOpen },
      { name: 'b2', label: 'beta2', short: 'β2', tex: '\\beta_2', default: 0.999, ...unitOpen },
      { name: 'eps', label: 'epsilon', short: 'ε', tex: '\\hat\\epsilon', default: 1e-8, min: positive, logScale: true },
      // 0 keeps the form that reproduces the seed's log; 1 is the paper's Algorithm 1 (and PyTorch's).
      {
        name: 'epsPlacement',
        label: 'epsilon placement',
        short: 'ε placement',
        tex: '\\hat\\epsilon \\text{ or } \\epsilon',
        choices: [
          { value: 0, label: 'TF1: before bias correction', short: 'TF1 ε' },
          { value: 1, label: 'paper / PyTorch: after bias correction', short: 'PyTorch ε' },
        ],
        default: 0,
        integer: true,
        min: { value: 0, inclusive: true },
        max: { value: 1, inclusive: true },
      },
    ],
    hasMu: false,
  },
  newton: {
    id: 'newton',
    label: 'Newton',
    updateTex: 'p_{k+1} = p_k - H(p_k)^{-1} \\nabla L(p_k)',
    needs: ['grad', 'hessian'],
    hyperparameters: [],
    hasMu: false,
    // H costs one Hessian-vector product per parameter: 96 of them on chapter 4's net take
    // seconds per step on cpu. Newton-CG needs only a few.
    maxParams: 64,
  },
  'newton-cg': {
    id: 'newton-cg',
    label: 'Newton-CG',
    updateTex: 'p_{k+1} = p_k - d,\\quad (H + \\lambda I)\\, d \\approx \\nabla L \\text{ by } n_{cg} \\text{ CG steps on } Hv',
    needs: ['grad', 'hvp'],
    hyperparameters: [
      { name: 'cgIters', label: 'CG iterations', short: 'CG iters', tex: 'n_{cg}', default: 10, integer: true, min: { value: 1, inclusive: true }, max: { value: 1000, inclusive: true } },
      { name: 'damping', label: 'damping', short: 'λ', tex: '\\lambda', default: 1e-3, min: { value: 0, inclusive: true }, logScale: true },
    ],
    hasMu: false,
  },
  'gauss-newton': {
    id: 'gauss-newton',
    label: 'Gauss-Newton',
    updateTex: 'p_{k+1} = p_k - \\eta\\,(J^\\top J + \\lambda I)^{-1} J^\\top r',
    needs: ['residuals'],
    hyperparameters: [
      { name: 'lr', label: 'Step scale', short: 'scale', tex: '\\eta', default: 1, min: positive, logScale: true },
      { name: 'damping', label: 'damping', short: 'λ', tex: '\\lambda', default: 0, min: { value: 0, inclusive: true }, logScale: true },
    ],
    hasMu: false,
    maxParams: 200,
  },
  lm: {
    id: 'lm',
    label: 'Levenberg-Marquardt',
    updateTex: 'p_{k+1} = p_k - (J^\\top J + \\mu I)^{-1} J^\\top r',
    needs: ['residuals'],
    hyperparameters: [
      { name: 'mu0', label: 'Initial mu', short: 'μ0', tex: '\\mu_0', default: 3, min: positive, logScale: true },
    ],
    hasMu: true,
    trials: true,
    maxParams: 200,
  },
  psgd: {
    id: 'psgd',
    label: 'Preconditioned SGD',
    updateTex:
      'C_k = (1 - \\tfrac{\\kappa}{t}) C_{k-1} + \\tfrac{\\kappa}{t} (g^{(1)}_k - g_k)^2,\\; p_{k+1} = p_k - \\eta \\tfrac{2B}{N C_k}\\, g_k',
    needs: ['grad', 'minibatches'],
    hyperparameters: [
      lr(1e-2),
      { name: 'batch', label: 'minibatch', short: 'batch', tex: 'B', default: 32, integer: true, min: { value: 1, inclusive: true }, max: { value: 4096, inclusive: true } },
      // k / t < 1 from the start (t = 10), so C stays a weighted mean of positive terms.
      { name: 'k', label: 'noise-estimate rate', short: 'κ', tex: '\\kappa', default: 1, min: positive, max: { value: 10, inclusive: false } },
    ],
    hasMu: false,
  },
  bfgs: {
    id: 'bfgs',
    label: 'BFGS',
    updateTex:
      'p_{k+1} = p_k - \\alpha_k H_k \\nabla L(p_k),\\; H_{k+1} = (I - \\rho_k s_k y_k^\\top) H_k (I - \\rho_k y_k s_k^\\top) + \\rho_k s_k s_k^\\top,\\; \\rho_k = 1 / y_k^\\top s_k',
    needs: ['grad'],
    hyperparameters: [],
    hasMu: false,
    trials: true,
    // H_k is a dense n x n estimate: at 500 parameters, 2 MB of float64 numbers per run, and each
    // step's H g and rank-two update (about 1e6 multiply-adds) take 3.3 ms in JS (measured in Node),
    // the cost of a gradient of a net that size. Both grow as n^2; L-BFGS keeps 2 m vectors instead.
    maxParams: 500,
  },
  lbfgs: {
    id: 'lbfgs',
    label: 'L-BFGS',
    updateTex:
      'p_{k+1} = p_k - \\alpha_k H_k \\nabla L(p_k),\\; H_k \\text{ from the last } m \\text{ pairs } s_i = p_{i+1} - p_i,\\; y_i = \\nabla L(p_{i+1}) - \\nabla L(p_i)',
    needs: ['grad'],
    hyperparameters: [
      { name: 'memory', label: 'memory', short: 'm', tex: 'm', default: 10, integer: true, min: { value: 1, inclusive: true }, max: { value: 100, inclusive: true } },
    ],
    hasMu: false,
    trials: true,
  },
} as const satisfies Record<OptimizerId, OptimizerInfo>;

/** Whether `id` tries steps it may reject (see OptimizerInfo.trials). */
export const triesSteps = (id: OptimizerId): boolean => (OPTIMIZERS[id] as OptimizerInfo).trials === true;

/** Hyperparameters by name, as links and configs carry them (checked by the experiment schema). */
export type Hyperparameters = Record<string, number>;

/** The names of an optimizer's hyperparameters, from its specs above. */
export type HyperparameterName<Id extends OptimizerId> = (typeof OPTIMIZERS)[Id]['hyperparameters'][number]['name'];

/**
 * An optimizer's hyperparameters, every one named by its spec: a misspelt or missing name does not
 * compile where an optimizer reads them (its update rule).
 */
export type HyperparametersOf<Id extends OptimizerId> = { readonly [K in HyperparameterName<Id>]: number };

/**
 * A run's hyperparameters as its optimizer's, at the one place a record from a link or a config
 * meets the typed engine: the experiment schema has checked every name and value against the specs
 * above and filled in the defaults.
 */
export const hyperparametersOf = <Id extends OptimizerId>(_optimizer: Id, hp: Hyperparameters) => hp as HyperparametersOf<Id>;

export function defaultHyperparameters(id: OptimizerId): Hyperparameters {
  return Object.fromEntries(OPTIMIZERS[id].hyperparameters.map((h) => [h.name, h.default]));
}
