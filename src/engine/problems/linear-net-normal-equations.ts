/**
 * J^T J and J^T r of chapter 4's linear net in closed form, from 6 x 6 data moments instead of
 * the 10,000 x 96 Jacobian. With Z = W2 X and r[i, n] = Y[i, n] - (W1 Z)[i, n] (seed 002):
 *   dr[i,n]/dW1[a,j] = -[i = a] Z[j,n]          dr[i,n]/dW2[j,l] = -W1[i,j] X[l,n]
 * so, with S = X X^T,
 *   J^T J:  W1-W1  [a = a'] (W2 S W2^T)[j,j']    W2-W2  (W1^T W1)[j,j'] S[l,l']
 *           W1-W2  W1[a,j'] (W2 S)[j,l']
 *   J^T r:  W1  -(R Z^T)[a,j]                    W2  -(W1^T R X^T)[j,l]
 * (the Kronecker blocks of seed 002's [(W2 X)^T (x) I, X^T (x) W1]). Everything is float64 from the
 * float32 parameters, data and residuals the tfjs problem uses, so it equals J^T J and J^T r of the
 * Jacobian that autodiff builds, with float64 sums instead of float32 products (tested): O(N) work
 * a step instead of O(N dim^2).
 */

export interface LinearNetShape {
  outputs: number;
  inputs: number;
  hidden: number;
  samples: number;
}

export function createLinearNetNormalEquations(shape: LinearNetShape, X: ArrayLike<number>) {
  const { outputs: O, inputs: I, hidden: H, samples: N } = shape;
  const dim = O * H + H * I;
  const w2At = O * H;
  // S = X X^T (I x I).
  const S = new Float64Array(I * I);
  for (let l = 0; l < I; l++) {
    for (let q = 0; q <= l; q++) {
      let s = 0;
      for (let n = 0; n < N; n++) s += X[l * N + n] * X[q * N + n];
      S[l * I + q] = S[q * I + l] = s;
    }
  }

  return (p: ArrayLike<number>, r: ArrayLike<number>) => {
    const W1 = (i: number, j: number) => p[i * H + j];
    const W2 = (j: number, l: number) => p[w2At + j * I + l];
    // Z = W2 X (H x N), then R Z^T (O x H) and R X^T (O x I).
    const Z = new Float64Array(H * N);
    for (let j = 0; j < H; j++) {
      for (let l = 0; l < I; l++) {
        const w = W2(j, l);
        for (let n = 0; n < N; n++) Z[j * N + n] += w * X[l * N + n];
      }
    }
    const RZt = new Float64Array(O * H);
    const RXt = new Float64Array(O * I);
    for (let i = 0; i < O; i++) {
      for (let n = 0; n < N; n++) {
        const rin = r[i * N + n];
        for (let j = 0; j < H; j++) RZt[i * H + j] += rin * Z[j * N + n];
        for (let l = 0; l < I; l++) RXt[i * I + l] += rin * X[l * N + n];
      }
    }
    // W2 S (H x I), W2 S W2^T (H x H), W1^T W1 (H x H).
    const W2S = new Float64Array(H * I);
    for (let j = 0; j < H; j++) for (let l = 0; l < I; l++) for (let q = 0; q < I; q++) W2S[j * I + l] += W2(j, q) * S[q * I + l];
    const ZZt = new Float64Array(H * H);
    for (let j = 0; j < H; j++) for (let k = 0; k < H; k++) for (let l = 0; l < I; l++) ZZt[j * H + k] += W2S[j * I + l] * W2(k, l);
    const W1tW1 = new Float64Array(H * H);
    for (let j = 0; j < H; j++) for (let k = 0; k < H; k++) for (let i = 0; i < O; i++) W1tW1[j * H + k] += W1(i, j) * W1(i, k);

    const JtJ = new Float64Array(dim * dim);
    const Jtr = new Float64Array(dim);
    const set = (u: number, v: number, x: number) => {
      JtJ[u * dim + v] = x;
      JtJ[v * dim + u] = x;
    };
    for (let a = 0; a < O; a++) {
      for (let j = 0; j < H; j++) {
        const u = a * H + j;
        Jtr[u] = -RZt[u];
        for (let k = 0; k < H; k++) set(u, a * H + k, ZZt[j * H + k]);
        for (let k = 0; k < H; k++) for (let l = 0; l < I; l++) set(u, w2At + k * I + l, W1(a, k) * W2S[j * I + l]);
      }
    }
    for (let j = 0; j < H; j++) {
      for (let l = 0; l < I; l++) {
        const u = w2At + j * I + l;
        let s = 0;
        for (let i = 0; i < O; i++) s += W1(i, j) * RXt[i * I + l];
        Jtr[u] = -s;
        for (let k = 0; k < H; k++) for (let q = 0; q < I; q++) set(u, w2At + k * I + q, W1tW1[j * H + k] * S[l * I + q]);
      }
    }
    return { JtJ, Jtr };
  };
}
