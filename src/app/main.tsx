import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseBackendPreference } from '../ml/backend/chooseBackend';
import { App } from './App';
import { EngineContext } from './engineContext';
import { autoProcess } from './features/autoProcess';
import { loadDemo } from './features/loadDemo';
import { workbenchStore } from './store/workbenchStore';
import { createEngineWorker } from './workerBridge/createEngineWorker';
import { EngineClient } from './workerBridge/engineClient';
import './styles.css';

const params = new URLSearchParams(window.location.search);
workbenchStore.getState().setBackendPreference(parseBackendPreference(params.get('backend')));
const engine = new EngineClient(workbenchStore, createEngineWorker);
autoProcess(workbenchStore, engine);

// Handle for end-to-end tests and power users in the console (no secrets, nothing global-mutating).
Object.assign(window, { workbench: { store: workbenchStore, engine } });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <EngineContext.Provider value={engine}>
      <App />
    </EngineContext.Provider>
  </StrictMode>,
);

if (params.get('demo') !== '0') {
  loadDemo(engine, import.meta.env.BASE_URL).catch((error: unknown) =>
    workbenchStore.getState().reportProblem({ code: 'INTERNAL', message: `Could not load the demo: ${String(error)}` }),
  );
}
