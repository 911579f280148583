/**
 * The run colours stay visible on their paper (WCAG contrast: at least 2:1 on white, as before,
 * where the yellow it replaced had 1.3:1; at least 3:1 on the dark paper), and stay apart for
 * readers with colour-blindness: under simulated protanopia, deuteranopia and tritanopia (Machado,
 * Oliveira and Fernandes 2009, severity 1) no two colours of a palette come closer than 9 in CIELAB
 * (ΔE*76; the light palette's closest pair, green and grey under deuteranopia, is 9.7).
 */
import { describe, expect, test } from 'vitest';
import { INK, INK_DARK, PALETTE, PALETTE_DARK, PAPER, runColor } from './palette';

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

const CVD: Record<string, number[][]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

/** CIELAB (D65) of linear RGB. */
function lab([r, g, b]: number[]): number[] {
  const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const seenWith = (hex: string, m?: number[][]) => {
  const c = channels(hex).map(linear);
  return lab(m ? m.map((row) => Math.min(1, Math.max(0, row[0] * c[0] + row[1] * c[1] + row[2] * c[2]))) : c);
};
/** The closest two colours of a palette as a reader with the given vision sees them (ΔE*76). */
function closestPair(palette: string[], m?: number[][]): number {
  let min = Infinity;
  for (let i = 0; i < palette.length; i++)
    for (let j = i + 1; j < palette.length; j++) {
      const [p, q] = [seenWith(palette[i], m), seenWith(palette[j], m)];
      min = Math.min(min, Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
    }
  return min;
}

describe('palette', () => {
  test.each(PALETTE)('%s has a contrast of at least 2:1 on white', (colour) => {
    expect(contrast(colour, PAPER.light)).toBeGreaterThanOrEqual(2);
  });
  test.each(PALETTE_DARK)('%s has a contrast of at least 3:1 on the dark paper', (colour) => {
    expect(contrast(colour, PAPER.dark)).toBeGreaterThanOrEqual(3);
  });
  test('the colours they replaced would not pass: yellow on white, wine on dark', () => {
    expect(contrast('#F0E442', PAPER.light)).toBeLessThan(1.4);
    expect(contrast('#882255', PAPER.dark)).toBeLessThan(3);
    expect(contrast('#000000', PAPER.dark)).toBeLessThan(3);
  });
  test('ten distinct colours each, twin for twin', () => {
    expect(new Set(PALETTE).size).toBe(10);
    expect(new Set(PALETTE_DARK).size).toBe(10);
    expect([runColor(3), runColor(3, 'dark'), runColor(16, 'dark')]).toEqual([PALETTE[3], PALETTE_DARK[3], PALETTE_DARK[6]]);
  });
  test.each(Object.keys(CVD))('no two colours of either palette look alike under %s', (vision) => {
    expect(closestPair(PALETTE, CVD[vision])).toBeGreaterThanOrEqual(9);
    expect(closestPair(PALETTE_DARK, CVD[vision])).toBeGreaterThanOrEqual(9);
  });
  test('nor with normal vision', () => {
    expect(closestPair(PALETTE)).toBeGreaterThanOrEqual(9);
    expect(closestPair(PALETTE_DARK)).toBeGreaterThanOrEqual(9);
  });
  test('the measure can fail: Okabe-Ito\'s vermillion and a dark orange look alike under protanopia', () => {
    expect(closestPair(['#D55E00', '#A6761D'], CVD.protanopia)).toBeLessThan(9);
  });
  test.each(Object.keys(INK) as (keyof typeof INK)[])('the dark twin of ink %s stands 3:1 off the dark paper (except the paper itself)', (k) => {
    if (k === 'paper') expect(INK_DARK.paper).toBe(PAPER.dark);
    else expect(contrast(INK_DARK[k], PAPER.dark)).toBeGreaterThanOrEqual(3);
  });
});
