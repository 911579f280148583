/**
 * A user formula's checked tree (src/formula) compiled into tfjs ops that are exact under double
 * backprop (autodiff/ops.ts), so that a typed function gets the same gradients, Hessian-vector
 * products and Jacobians as a built-in problem, in float32 and on cpu64 in float64. Nothing is
 * evaluated as code: the tree becomes a tree of closures once, and each call runs them.
 *
 * - Symbols are looked up in the inputs; each may be a scalar (a parameter) or a data column (or
 *   a parameter tiled per example, for a Jacobian), and the ops broadcast elementwise. Each enters
 *   through `symbolInput`, so that a formula linear in its inputs still has a Hessian (of zeros).
 * - A subtree without symbols is folded to one number by the float64 reference (`evaluate`) and
 *   enters as one exact scalar (float64 on cpu64; rounded once to float32 elsewhere).
 * - Powers follow evaluate's rule. A constant integer exponent |n| <= 64 is repeated squaring and
 *   multiplication (negative bases fine, exact on every backend, webgl included); another constant
 *   exponent is tf.pow, whose gradient in the base is safe; an exponent with a symbol is
 *   exp(b log a), since tf.pow has no second derivative in its exponent.
 */
import { evaluate, hasSymbol, symbolsOf, type FunctionName, type Node } from '../../formula';
import { abs, exp, tanh } from '../autodiff/ops';
import { tf } from '../tf';

/** The compiled formula: the value of the tree with each symbol given as a tensor. */
export type CompiledFormula = (inputs: Readonly<Record<string, tf.Tensor>>) => tf.Tensor;

/** Integer exponents up to this size are multiplied out. */
const MAX_MULTIPLIED_EXPONENT = 64;

const FUNCTION_OPS: Record<FunctionName, (x: tf.Tensor) => tf.Tensor> = {
  exp,
  log: tf.log,
  sqrt: tf.sqrt,
  sin: tf.sin,
  cos: tf.cos,
  tan: tf.tan,
  atan: tf.atan,
  tanh,
  abs,
};

/** x^n for an integer n by repeated squaring: x^5 = x * (x^2)^2. */
function integerPower(x: tf.Tensor, n: number): tf.Tensor {
  if (n === 0) return tf.onesLike(x);
  if (n < 0) return tf.reciprocal(integerPower(x, -n));
  let result: tf.Tensor | null = null;
  let square = x;
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = result === null ? square : tf.mul(result, square);
    if (k > 1) square = tf.square(square);
  }
  return result as tf.Tensor;
}

/**
 * x itself, as a new tensor whose gradient passes dy on plus zerosLike(x): exactly dy, but a
 * gradient that depends on x. Without it a formula linear in its inputs (x + y) has a gradient that
 * depends on nothing, and tfjs refuses its Hessian-vector product ("Cannot compute gradient")
 * instead of giving 0, and leaks what it kept for the backward pass.
 */
const symbolInput = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) => tf.add(dy, tf.zerosLike(xs)) };
}) as (x: tf.Tensor) => tf.Tensor;

/** Builds the value of a node from the inputs: made once per formula, run once per call. */
type Build = (inputs: Readonly<Record<string, tf.Tensor>>) => tf.Tensor;

function powerOf(base: Build, exponent: Node): Build {
  if (hasSymbol(exponent)) {
    const b = compileNode(exponent);
    return (inputs) => exp(tf.mul(b(inputs), tf.log(base(inputs))));
  }
  const c = evaluate(exponent);
  if (Number.isInteger(c) && Math.abs(c) <= MAX_MULTIPLIED_EXPONENT) return (inputs) => integerPower(base(inputs), c);
  return (inputs) => tf.pow(base(inputs), tf.scalar(c));
}

const BINARY_OPS = { '+': tf.add, '-': tf.sub, '*': tf.mul, '/': tf.div } as const;

function compileNode(n: Node): Build {
  if (!hasSymbol(n)) {
    const value = evaluate(n);
    return () => tf.scalar(value);
  }
  switch (n.kind) {
    case 'symbol':
      return (inputs) => {
        const t = Object.hasOwn(inputs, n.name) ? inputs[n.name] : undefined;
        if (!(t instanceof tf.Tensor)) throw new Error(`compileFormula: no tensor given for '${n.name}'`);
        return symbolInput(t);
      };
    case 'negate': {
      const operand = compileNode(n.operand);
      return (inputs) => tf.neg(operand(inputs));
    }
    case 'call': {
      const [fn, argument] = [FUNCTION_OPS[n.fn], compileNode(n.argument)];
      return (inputs) => fn(argument(inputs));
    }
    case 'binary': {
      const left = compileNode(n.left);
      if (n.op === '^') return powerOf(left, n.right);
      const [op, right] = [BINARY_OPS[n.op], compileNode(n.right)];
      return (inputs) => op(left(inputs), right(inputs));
    }
    default:
      throw new Error(`compileFormula: unexpected node ${n.kind}`);
  }
}

/**
 * Compiles `tree` for the inputs `symbols`: every symbol of the tree must be one of them (else this
 * throws, a caller's bug: check the formula first). The returned function gives a new tensor of the
 * broadcast shape of the inputs the tree uses (a scalar if it uses none); it keeps no tensor and
 * disposes its intermediates, so it can run inside tf.grad, tf.grad of tf.grad, or tidy.
 */
export function compileFormula(tree: Node, symbols: readonly string[]): CompiledFormula {
  const stranger = symbolsOf(tree).find((s) => !symbols.includes(s.name));
  if (stranger) throw new Error(`compileFormula: the formula uses '${stranger.name}', which is not among its inputs (${symbols.join(', ')})`);
  const build = compileNode(tree);
  return (inputs) => tf.tidy(() => build(inputs));
}
