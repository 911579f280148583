/** Okabe-Ito colours: distinguishable with colour-blindness and on a projector. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export const runColor = (index: number) => PALETTE[index % PALETTE.length];
