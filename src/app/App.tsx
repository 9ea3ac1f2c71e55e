import { DropZone, OpenFilesButton } from './components/DropZone';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ProblemList } from './components/ProblemList';
import { SettingsMenu } from './components/SettingsMenu';
import { SmoothingControls } from './components/SmoothingControls';
import { SpectrumList } from './components/SpectrumList';
import { SpectrumPlot } from './components/SpectrumPlot';
import { StatusBar } from './components/StatusBar';

export function App() {
  return (
    <DropZone>
      <div className="app">
        <header className="top-bar">
          <h1>Spectralligence Workbench</h1>
          <OpenFilesButton />
          <span className="spacer" />
          <SettingsMenu />
        </header>
        <aside className="side">
          <ErrorBoundary area="spectrum list">
            <SpectrumList />
          </ErrorBoundary>
          <ErrorBoundary area="smoothing controls">
            <SmoothingControls />
          </ErrorBoundary>
        </aside>
        <main className="main">
          <ProblemList />
          <ErrorBoundary area="plot">
            <SpectrumPlot />
          </ErrorBoundary>
        </main>
        <StatusBar />
      </div>
    </DropZone>
  );
}
