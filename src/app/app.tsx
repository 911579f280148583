/** The notebook shell: title, table of contents and the open chapter, all from the registry. */
import { CHAPTERS, chapterHeading } from '../catalog';
import { CHAPTER_PAGES } from '../chapters';
import { Suspense, useEffect } from 'react';
import { useChapter } from '../state/chapter-store';
import { useView, type ThemeChoice } from '../state/view-store';
import { Notices } from '../ui/notices';
import { Shortcuts } from '../ui/shortcuts';
import { SiteStatus } from '../ui/site-status';
import { openChapter } from './url-sync';

export function App() {
  const open = useChapter((s) => s.chapter);
  const Page = CHAPTER_PAGES[open];
  const { theme, choice, presenting } = useView();

  // The theme and presentation mode are the root's: CSS variables and the root font size follow them.
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.toggleAttribute('data-presenting', presenting);
  }, [theme, presenting]);

  return (
    <div className="page">
      <a
        className="skip-link"
        href="#lab"
        onClick={(e) => {
          // The fragment holds the settings: move focus to the lab without changing it.
          e.preventDefault();
          // The lab, or the reader's function or data before it (chapters 6 and 7).
          const lab = document.querySelector<HTMLElement>('main .cell, main #lab');
          lab?.setAttribute('tabindex', '-1');
          lab?.focus();
        }}
      >
        Skip to the lab
      </a>
      <Shortcuts />
      <header>
        <h1>Curvature</h1>
        <p className="tagline">Race gradient descent, Adam, Newton, Gauss-Newton and Levenberg-Marquardt, live, in your browser.</p>
        <label className="theme-choice">
          Theme{' '}
          <select aria-label="Theme" value={choice} onChange={(e) => useView.getState().setChoice(e.target.value as ThemeChoice)}>
            <option value="system">as the system</option>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </label>
      </header>
      <nav aria-label="Contents">
        <h2 className="toc-title">Contents</h2>
        <ol>
          {CHAPTERS.map((c) => (
            <li key={c.id}>
              <a
                href={`#ch=${c.id}`}
                aria-current={c.id === open ? 'page' : undefined}
                onClick={(e) => {
                  // The fragment holds the whole experiment: open the chapter's defaults instead.
                  e.preventDefault();
                  if (c.id !== open) openChapter(c.id);
                }}
              >
                {chapterHeading(c.id)}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <main>
        <Notices />
        <Suspense fallback={<p className="aside" role="status">Loading the chapter…</p>}>
          <Page />
        </Suspense>
      </main>
      <footer>
        Computed by TensorFlow.js in a Web Worker, in float32, or in float64 on this page&rsquo;s own backend. The settings live in this page&rsquo;s link: copy it to share the
        experiment. Keys: Space runs or pauses, S steps, R resets, P presents, ? lists them.
        <SiteStatus />
      </footer>
    </div>
  );
}
