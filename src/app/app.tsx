/** The notebook shell: title, table of contents and the open chapter. */
import type { ReactNode } from 'react';
import { defaultExperiment, type ProblemId } from '../catalog';
import { RosenbrockFitChapter } from '../chapters/ch1-rosenbrock-fit/chapter';
import { RosenbrockValleyChapter } from '../chapters/ch2-rosenbrock-valley/chapter';
import { NetOnRosenbrockChapter } from '../chapters/ch3-net-on-rosenbrock/chapter';
import { RahimiLinearNetChapter } from '../chapters/ch4-rahimi-linear-net/chapter';
import { useExperiment } from '../state/experiment-store';
import { useRuns } from '../state/runs-store';
import { Notices } from '../ui/notices';

const CHAPTERS: { problem: ProblemId; title: string; page: ReactNode }[] = [
  { problem: 'rosenbrock-fit', title: "1. Fitting Rosenbrock's parameters", page: <RosenbrockFitChapter /> },
  { problem: 'rosenbrock-valley', title: '2. The Rosenbrock valley', page: <RosenbrockValleyChapter /> },
  { problem: 'net-on-rosenbrock', title: '3. A neural net on Rosenbrock data', page: <NetOnRosenbrockChapter /> },
  { problem: 'rahimi-linear-net', title: "4. Rahimi's ill-conditioned net", page: <RahimiLinearNetChapter /> },
];

/** Opens a chapter with its default experiment; the link follows (app/url-sync). */
function open(problem: ProblemId) {
  useRuns.getState().reset();
  useExperiment.getState().load(defaultExperiment(problem));
  const { backend } = useExperiment.getState().experiment;
  useRuns.getState().setBackend(backend, problem);
  window.scrollTo({ top: 0 });
}

export function App() {
  const problem = useExperiment((s) => s.experiment.problem);
  const chapter = CHAPTERS.find((c) => c.problem === problem) ?? CHAPTERS[0];
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
            <li key={c.problem}>
              <a
                href={`#ch=${c.problem}`}
                aria-current={c.problem === problem ? 'page' : undefined}
                onClick={(e) => {
                  // The fragment holds the whole experiment: open the chapter's defaults instead.
                  e.preventDefault();
                  if (c.problem !== problem) open(c.problem);
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
        Computed in float32 by TensorFlow.js in a Web Worker. The settings live in this page&rsquo;s link: copy it to share the
        experiment.
      </footer>
    </div>
  );
}
