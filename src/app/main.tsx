/** Start-up: start the engine worker, read the link (which picks the backend), render. */
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngineClient } from '../client/engine-client';
import { useRuns } from '../state/runs-store';
import { useFitReports } from '../state/fit-report-store';
import { useInspect } from '../state/inspect-store';
import { useDigitsCell } from '../state/digits-cell-store';
import { usePoint } from '../state/point-store';
import { useRace } from '../state/race-store';
import { useSweep } from '../state/sweep-store';
import { App } from './app';
import { startServiceWorker } from './register-service-worker';
import { startFromUrl } from './url-sync';

async function start() {
  const client = createEngineClient();
  useRuns.getState().connect(client);
  useSweep.getState().connect(client);
  useRace.getState().connect(client);
  useFitReports.getState().connect(client);
  usePoint.getState().connect(client);
  useInspect.getState().connect(client);
  useDigitsCell.getState().connect(client);
  await startFromUrl();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

startServiceWorker();
void start();
