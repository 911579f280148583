/** Okabe-Ito colours (distinguishable with colour-blindness and on a projector), then brown and grey. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442', '#8C564B', '#7F7F7F'];

export const runColor = (index: number) => PALETTE[index % PALETTE.length];
