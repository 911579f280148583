/**
 * How the page is shown, not what it computes: light or dark, and presentation mode (a lab's
 * controls and charts full screen at projector sizes). Neither is part of the link: a link
 * carries the experiment, and the reader's screen decides how it looks. The theme follows the
 * system preference until the reader picks one, and the pick is remembered on this device.
 */
import { create } from 'zustand';

export type Theme = 'light' | 'dark';
export type ThemeChoice = Theme | 'system';

const STORAGE_KEY = 'curvature-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function storedChoice(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system'; // storage refused (a private window): follow the system
  }
}

const systemTheme = (): Theme => (typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light');
const resolve = (choice: ThemeChoice): Theme => (choice === 'system' ? systemTheme() : choice);

interface ViewStore {
  choice: ThemeChoice;
  /** The theme in effect: the choice, or the system's when the choice is 'system'. */
  theme: Theme;
  presenting: boolean;
  setChoice(choice: ThemeChoice): void;
  setPresenting(presenting: boolean): void;
}

export const useView = create<ViewStore>()((set) => {
  const choice = storedChoice();
  if (typeof matchMedia === 'function') {
    matchMedia(DARK_QUERY).addEventListener('change', () => set((s) => ({ theme: resolve(s.choice) })));
  }
  return {
    choice,
    theme: resolve(choice),
    presenting: false,
    setChoice: (next) => {
      try {
        if (next === 'system') globalThis.localStorage?.removeItem(STORAGE_KEY);
        else globalThis.localStorage?.setItem(STORAGE_KEY, next);
      } catch {
        // not remembered; the choice still holds for this page
      }
      set({ choice: next, theme: resolve(next) });
    },
    setPresenting: (presenting) => set({ presenting }),
  };
});
