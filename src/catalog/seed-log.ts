/**
 * The log in the seed notebook's style: at steps 1, 2, 4, 8, ... it prints the loss *before* that
 * step is taken, then the last step and the final loss.
 */
export function seedLogLines(steps: ArrayLike<number>, losses: ArrayLike<number>, count: number, ended: boolean): string[] {
  const lines: string[] = [];
  // losses[i] is the loss after steps[i] steps; step k prints the loss after k - 1 steps.
  for (let i = 0; i < count; i++) {
    const k = steps[i] + 1;
    if ((k & (k - 1)) === 0 && i + 1 < count) lines.push(`step: ${k}, current loss: ${formatLoss(losses[i])}`);
  }
  if (ended && count > 0) lines.push(`ENDED ON STEP: ${steps[count - 1]}, FINAL LOSS: ${formatLoss(losses[count - 1])}`);
  return lines;
}

/** Shortest round-trip text of a loss, as Python prints a float. */
export function formatLoss(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const s = String(x);
  return s.includes('e') ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s;
}
