/**
 * The charts' colours, for a light page and for its dark twin.
 *
 * Run colours: Okabe-Ito's (distinguishable with colour-blindness and on a projector), then brown,
 * wine and grey. Okabe-Ito's yellow (#F0E442) is left out on white: it nearly vanishes there
 * (contrast 1.3:1); Tol's wine (#882255) takes its place.
 *
 * The dark twin keeps each run's hue where it can, so a run is the same colour in both themes:
 * Okabe-Ito's six hues pass 3:1 on the dark paper as they are. Black becomes near-white, and the
 * colours too dark for the dark paper change: wine (2.1:1 there) gives its place back to
 * Okabe-Ito's yellow (14:1 on dark), brown lightens to sienna and grey to a light grey. Tests
 * (palette.test.ts) hold both palettes to their contrast (2:1 on white, as before; 3:1 on dark) and
 * to colour-blind safety: every pair stays apart under simulated protanopia, deuteranopia and
 * tritanopia.
 */

export type ThemeName = 'light' | 'dark';

/** The paper the charts are drawn on in each theme: the page's `--paper` must match. */
export const PAPER: Record<ThemeName, string> = { light: '#ffffff', dark: '#121212' };

export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#882255', '#8C564B', '#7F7F7F'];

/** PALETTE's twin on the dark paper, colour by colour. */
export const PALETTE_DARK = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0F0F0', '#F0E442', '#A0522D', '#BDBDBD'];

/** A run's colour by its place among the runs. Builders draw in light colours; the theme (theme.ts) swaps in the twins. */
export const runColor = (index: number, theme: ThemeName = 'light') => (theme === 'dark' ? PALETTE_DARK : PALETTE)[index % PALETTE.length];

/**
 * The neutral inks of the charts (text, reference lines, the floors, outlines), as drawn on white.
 * A builder takes its greys from here, so that the dark theme can give each its twin.
 */
export const INK = {
  /** Data points and text: the page's --ink. */
  text: '#1a1a1a',
  strong: '#000000',
  /** Labels of reference lines (the floors). */
  muted: '#444444',
  /** Reference lines: the precision floors. */
  rule: '#666666',
  /** Faint guides: observed = fitted, the residuals' zero. */
  faint: '#999999',
  /** Outlines that separate a marker from what is under it. */
  paper: '#ffffff',
} as const;

/** INK's twins on the dark paper: each at least 3:1 against it. */
export const INK_DARK: Record<keyof typeof INK, string> = {
  text: '#E6E6E6',
  strong: '#F0F0F0',
  muted: '#BDBDBD',
  rule: '#A0A0A0',
  faint: '#7A7A7A',
  paper: PAPER.dark,
};
