/** Start-up: read the link, start the engine worker, pick the backend, render. */
import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngineClient } from '../client/engine-client';
import { useExperiment } from '../state/experiment-store';
import { useRuns } from '../state/runs-store';
import { App } from './app';
import { loadFromUrl, syncUrl } from './url-sync';

async function start() {
  await loadFromUrl();
  syncUrl();
  const client = createEngineClient();
  useRuns.getState().connect(client);
  const { backend, problem } = useExperiment.getState().experiment;
  useRuns.getState().setBackend(backend, problem);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
