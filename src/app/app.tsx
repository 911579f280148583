/** The notebook shell: title, table of contents and the open chapter. */
import type { ReactNode } from 'react';
import { defaultExperiment } from '../catalog';
import { RosenbrockFitChapter } from '../chapters/ch1-rosenbrock-fit/chapter';
import { RosenbrockValleyChapter } from '../chapters/ch2-rosenbrock-valley/chapter';
import { NetOnRosenbrockChapter } from '../chapters/ch3-net-on-rosenbrock/chapter';
import { RahimiLinearNetChapter } from '../chapters/ch4-rahimi-linear-net/chapter';
import { DigitsSweepChapter } from '../chapters/ch5-digits-sweep/chapter';
import { useChapter, type ChapterId } from '../state/chapter-store';
import { useExperiment } from '../state/experiment-store';
import { useRuns } from '../state/runs-store';
import { DEFAULT_SWEEP, SWEEP_CHAPTER } from '../state/sweep-link';
import { useRace } from '../state/race-store';
import { useSweep } from '../state/sweep-store';
import { Notices } from '../ui/notices';

const CHAPTERS: { id: ChapterId; title: string; page: ReactNode }[] = [
  { id: 'rosenbrock-fit', title: "1. Fitting Rosenbrock's parameters", page: <RosenbrockFitChapter /> },
  { id: 'rosenbrock-valley', title: '2. The Rosenbrock valley', page: <RosenbrockValleyChapter /> },
  { id: 'net-on-rosenbrock', title: '3. A neural net on Rosenbrock data', page: <NetOnRosenbrockChapter /> },
  { id: 'rahimi-linear-net', title: "4. Rahimi's ill-conditioned net", page: <RahimiLinearNetChapter /> },
  { id: SWEEP_CHAPTER, title: '5. SGD as approximate Bayesian inference', page: <DigitsSweepChapter /> },
];

/** Opens a chapter with its defaults; the link follows (app/url-sync). */
function open(id: ChapterId) {
  useRuns.getState().reset();
  useSweep.getState().reset();
  useRace.getState().reset();
  if (id === SWEEP_CHAPTER) useSweep.getState().choose(DEFAULT_SWEEP);
  else {
    useExperiment.getState().load(defaultExperiment(id));
    useRuns.getState().setBackend(useExperiment.getState().experiment.backend, id);
  }
  useChapter.getState().setChapter(id);
  window.scrollTo({ top: 0 });
}

export function App() {
  const open_ = useChapter((s) => s.chapter);
  const chapter = CHAPTERS.find((c) => c.id === open_) ?? CHAPTERS[0];
  return (
    <div className="page">
      <header>
        <h1>Curvature</h1>
        <p className="tagline">Race gradient descent, Adam, Newton, Gauss-Newton and Levenberg-Marquardt, live, in your browser.</p>
      </header>
      <nav aria-label="Contents">
        <h2 className="toc-title">Contents</h2>
        <ol>
          {CHAPTERS.map((c) => (
            <li key={c.id}>
              <a
                href={`#ch=${c.id}`}
                aria-current={c.id === chapter.id ? 'page' : undefined}
                onClick={(e) => {
                  // The fragment holds the whole experiment: open the chapter's defaults instead.
                  e.preventDefault();
                  if (c.id !== chapter.id) open(c.id);
                }}
              >
                {c.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <main>
        <Notices />
        {chapter.page}
      </main>
      <footer>
        Computed by TensorFlow.js in a Web Worker, in float32, or in float64 on this page&rsquo;s own backend. The settings live in this page&rsquo;s link: copy it to share the
        experiment.
      </footer>
    </div>
  );
}
