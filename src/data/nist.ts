// The seven NIST StRD nonlinear regression problems chapter 8 is certified on, shipped verbatim
// (src/data/nist/*.dat, bundled as text through Vite's ?raw), with the README's list and difficulty.
// The parser itself is in nist-parse.ts, free of Vite imports.
import chwirut2 from './nist/Chwirut2.dat?raw';
import eckerle4 from './nist/Eckerle4.dat?raw';
import kirby2 from './nist/Kirby2.dat?raw';
import lanczos3 from './nist/Lanczos3.dat?raw';
import mgh09 from './nist/MGH09.dat?raw';
import misra1a from './nist/Misra1a.dat?raw';
import thurber from './nist/Thurber.dat?raw';
import { parseNist, type NistDifficulty, type NistProblem } from './nist-parse';

export { parseNist, type NistDifficulty, type NistProblem } from './nist-parse';

export interface NistDataset {
  readonly name: string;
  readonly difficulty: NistDifficulty;
  /** The README's remark, when it has one. */
  readonly note?: string;
  readonly parameters: number;
  readonly observations: number;
}

/** The datasets in the README's order (easiest first), as its table lists them. */
export const NIST_DATASETS = [
  { name: 'Misra1a', difficulty: 'lower', parameters: 2, observations: 14 },
  { name: 'Chwirut2', difficulty: 'lower', parameters: 3, observations: 54 },
  { name: 'Lanczos3', difficulty: 'lower', note: 'ill-conditioned: sums of exponentials', parameters: 6, observations: 24 },
  { name: 'Kirby2', difficulty: 'average', parameters: 5, observations: 151 },
  { name: 'MGH09', difficulty: 'higher', parameters: 4, observations: 11 },
  { name: 'Thurber', difficulty: 'higher', parameters: 7, observations: 37 },
  { name: 'Eckerle4', difficulty: 'higher', parameters: 3, observations: 35 },
] as const satisfies readonly NistDataset[];

export type NistName = (typeof NIST_DATASETS)[number]['name'];

const TEXTS: Readonly<Record<NistName, string>> = {
  Misra1a: misra1a,
  Chwirut2: chwirut2,
  Lanczos3: lanczos3,
  Kirby2: kirby2,
  MGH09: mgh09,
  Thurber: thurber,
  Eckerle4: eckerle4,
};

/** The .dat file's text, exactly as NIST publishes it. */
export function nistText(name: NistName): string {
  return TEXTS[name];
}

/** The parsed problem of a shipped dataset. */
export function loadNist(name: NistName): NistProblem {
  return parseNist(TEXTS[name]);
}
