/** Every run colour stays visible on the white page: WCAG contrast against white of at least 2:1 (the yellow it replaced had 1.3:1). */
import { describe, expect, test } from 'vitest';
import { PALETTE } from './palette';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('palette', () => {
  test.each(PALETTE)('%s has a contrast of at least 2:1 on white', (colour) => {
    expect(contrastOnWhite(colour)).toBeGreaterThanOrEqual(2);
  });
  test('the yellow it replaced would not pass', () => {
    expect(contrastOnWhite('#F0E442')).toBeLessThan(1.4);
  });
  test('ten distinct colours', () => {
    expect(new Set(PALETTE).size).toBe(10);
  });
});
