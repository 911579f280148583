/** Which chapter is open (an id of the registry, catalog/chapters). */
import { create } from 'zustand';
import { FIRST_CHAPTER, type ChapterId } from '../catalog';

export type { ChapterId };

export const useChapter = create<{ chapter: ChapterId; setChapter(chapter: ChapterId): void }>()((set) => ({
  chapter: FIRST_CHAPTER,
  setChapter: (chapter) => set({ chapter }),
}));
