/**
 * Which chapter is open (an id of the registry, catalog/chapters), and whether its link starts the
 * runs when opened (`&run=1`: a student who clicks a shared link sees the race, not empty charts).
 */
import { create } from 'zustand';
import { FIRST_CHAPTER, type ChapterId } from '../catalog';

export type { ChapterId };

interface ChapterStore {
  chapter: ChapterId;
  autostart: boolean;
  setChapter(chapter: ChapterId): void;
  setAutostart(autostart: boolean): void;
}

export const useChapter = create<ChapterStore>()((set) => ({
  chapter: FIRST_CHAPTER,
  autostart: false,
  setChapter: (chapter) => set({ chapter }),
  setAutostart: (autostart) => set({ autostart }),
}));
