/**
 * Run colours: Okabe-Ito's (distinguishable with colour-blindness and on a projector), then brown,
 * wine and grey. Okabe-Ito's yellow (#F0E442) is left out: on white it nearly vanishes (contrast
 * 1.3:1); Tol's wine (#882255) takes its place.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#882255', '#8C564B', '#7F7F7F'];

export const runColor = (index: number) => PALETTE[index % PALETTE.length];
