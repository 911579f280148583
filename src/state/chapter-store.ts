/** Which chapter is open: one of the optimizer chapters (by its problem) or chapter 5's sweep. */
import { create } from 'zustand';
import type { ProblemId } from '../catalog';
import type { SWEEP_CHAPTER } from './sweep-link';

export type ChapterId = ProblemId | typeof SWEEP_CHAPTER;

export const useChapter = create<{ chapter: ChapterId; setChapter(chapter: ChapterId): void }>()((set) => ({
  chapter: 'rosenbrock-fit',
  setChapter: (chapter) => set({ chapter }),
}));
