/**
 * The notebook's chapters, the one list of them: the shell and its contents, the links, the CLI and
 * the README (checked by a test) all read it. A chapter's id is its link's `ch`; its lab is the
 * kind of cell it shows. A new chapter of an existing lab kind is an entry here, its prose (a
 * component in src/chapters/) and, if new, its problem.
 */
import type { ProblemId } from './problems';

/** What a chapter's cell is. */
export type Lab =
  /** Optimizers race on one problem (an experiment config, in the link as `c`). */
  | { kind: 'optimizer-race'; problem: ProblemId }
  /** Chapter 5's digits lab: the training race of its problem's optimizers and the prune and disable sweeps. */
  | { kind: 'digits'; problem: 'digits-mlp' }
  /** Chapter 6's curvature tools: H v, H^-1 g by a dense solve and by CG at a point of a typed function (seed 004). */
  | { kind: 'curvature' }
  /** Chapter 8's fit lab: a model fitted to a table, the optimizers racing on its least squares, and the fit's report. */
  | { kind: 'fit'; problem: 'fit' };

export type LabKind = Lab['kind'];

export interface ChapterInfo {
  id: string;
  number: number;
  title: string;
  lab: Lab;
}

export const CHAPTERS = [
  { id: 'rosenbrock-fit', number: 1, title: "Fitting Rosenbrock's parameters", lab: { kind: 'optimizer-race', problem: 'rosenbrock-fit' } },
  { id: 'rosenbrock-valley', number: 2, title: 'The Rosenbrock valley', lab: { kind: 'optimizer-race', problem: 'rosenbrock-valley' } },
  { id: 'net-on-rosenbrock', number: 3, title: 'A neural net on Rosenbrock data', lab: { kind: 'optimizer-race', problem: 'net-on-rosenbrock' } },
  { id: 'rahimi-linear-net', number: 4, title: "Rahimi's ill-conditioned linear net", lab: { kind: 'optimizer-race', problem: 'rahimi-linear-net' } },
  { id: 'digits-sweep', number: 5, title: 'SGD as approximate Bayesian inference', lab: { kind: 'digits', problem: 'digits-mlp' } },
  { id: 'curvature-tools', number: 6, title: 'Curvature tools', lab: { kind: 'curvature' } },
  { id: 'your-function', number: 7, title: 'Your own function', lab: { kind: 'optimizer-race', problem: 'formula' } },
  { id: 'your-data', number: 8, title: 'Your own data', lab: { kind: 'fit', problem: 'fit' } },
] as const satisfies readonly ChapterInfo[];

export type ChapterId = (typeof CHAPTERS)[number]['id'];
export const CHAPTER_IDS = CHAPTERS.map((c) => c.id) as ChapterId[];
export const FIRST_CHAPTER: ChapterId = CHAPTERS[0].id;

export const isChapterId = (x: string): x is ChapterId => (CHAPTER_IDS as string[]).includes(x);

export function chapterInfo(id: ChapterId): ChapterInfo {
  return CHAPTERS.find((c) => c.id === id) as ChapterInfo;
}

/** "4. Rahimi's ill-conditioned linear net": how the contents and the chapter's heading name it. */
export const chapterHeading = (id: ChapterId) => `${chapterInfo(id).number}. ${chapterInfo(id).title}`;

/** The chapter whose lab runs `problem`. */
export function chapterOfProblem(problem: ProblemId): ChapterId {
  const found = CHAPTERS.find((c) => 'problem' in c.lab && c.lab.problem === problem);
  if (!found) throw new Error(`No chapter races on ${problem}.`);
  return found.id;
}
