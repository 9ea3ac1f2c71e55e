import { DropZone, OpenFilesButton } from './components/DropZone';
import { ErrorBoundary } from './components/ErrorBoundary';
import { MetadataPanel } from './components/MetadataPanel';
import { ModelCardDialog } from './components/ModelCardDialog';
import { ModelsPanel } from './components/ModelsPanel';
import { PredictionTable } from './components/PredictionTable';
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
          <ErrorBoundary area="metadata">
            <MetadataPanel />
          </ErrorBoundary>
          <ErrorBoundary area="smoothing controls">
            <SmoothingControls />
          </ErrorBoundary>
          <ErrorBoundary area="models panel">
            <ModelsPanel />
          </ErrorBoundary>
        </aside>
        <main className="main">
          <ProblemList />
          <ErrorBoundary area="plot">
            <SpectrumPlot />
          </ErrorBoundary>
          <ErrorBoundary area="prediction table">
            <PredictionTable />
          </ErrorBoundary>
        </main>
        <StatusBar />
        <ErrorBoundary area="model card">
          <ModelCardDialog />
        </ErrorBoundary>
      </div>
    </DropZone>
  );
}
