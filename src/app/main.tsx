/** Start-up: read the link, start the engine worker, pick the backend, render. */
import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngineClient } from '../client/engine-client';
import { useChapter } from '../state/chapter-store';
import { useExperiment } from '../state/experiment-store';
import { useRuns } from '../state/runs-store';
import { useRace } from '../state/race-store';
import { useSweep } from '../state/sweep-store';
import { App } from './app';
import { loadFromUrl, syncUrl } from './url-sync';

async function start() {
  await loadFromUrl();
  syncUrl();
  const client = createEngineClient();
  useRuns.getState().connect(client);
  useSweep.getState().connect(client);
  useRace.getState().connect(client);
  // Chapter 5 picks its backend when a sweep starts.
  const { backend, problem } = useExperiment.getState().experiment;
  if (useChapter.getState().chapter === problem) useRuns.getState().setBackend(backend, problem);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
