/** The notebook shell: title, table of contents and the chapters. */
import { RosenbrockFitChapter } from '../chapters/ch1-rosenbrock-fit/chapter';
import { Notices } from '../ui/notices';

const CONTENTS = [{ id: 'ch1', title: "1. Fitting Rosenbrock's parameters" }];

export function App() {
  return (
    <div className="page">
      <header>
        <h1>Curvature</h1>
        <p className="tagline">Race gradient descent, Adam, Newton, Gauss-Newton and Levenberg-Marquardt, live, in your browser.</p>
      </header>
      <nav aria-label="Contents">
        <h2 className="toc-title">Contents</h2>
        <ol>
          {CONTENTS.map((c) => (
            <li key={c.id}>
              <a
                href={`#${c.id}`}
                onClick={(e) => {
                  // The fragment holds the experiment: scroll instead of navigating.
                  e.preventDefault();
                  document.getElementById(c.id)?.scrollIntoView({ behavior: 'smooth' });
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
        <RosenbrockFitChapter />
      </main>
      <footer>
        Computed in float32 by TensorFlow.js in a Web Worker. The settings live in this page&rsquo;s link: copy it to share the
        experiment.
      </footer>
    </div>
  );
}
