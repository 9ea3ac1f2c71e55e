import { DropZone, OpenFilesButton } from './components/DropZone';
import { EmissionCalibrationView } from './components/EmissionCalibrationView';
import { EmissionLineTable } from './components/EmissionLineTable';
import { EmissionPanel } from './components/EmissionPanel';
import { ErrorBoundary } from './components/ErrorBoundary';
import { GammaPanel } from './components/GammaPanel';
import { MetadataPanel } from './components/MetadataPanel';
import { ModelCardDialog } from './components/ModelCardDialog';
import { ModelsPanel } from './components/ModelsPanel';
import { MrsPanel } from './components/MrsPanel';
import { MrsQuantifyView } from './components/MrsQuantifyView';
import { MrsTransientsView } from './components/MrsTransientsView';
import { NuclideTable } from './components/NuclideTable';
import { PredictionTable } from './components/PredictionTable';
import { ProblemList } from './components/ProblemList';
import { SettingsMenu } from './components/SettingsMenu';
import { SmoothingControls } from './components/SmoothingControls';
import { SpectrumList } from './components/SpectrumList';
import { SpectrumPlot } from './components/SpectrumPlot';
import { StatusBar } from './components/StatusBar';
import { TimeSeriesView } from './components/TimeSeriesView';

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
          <ErrorBoundary area="MRS panel">
            <MrsPanel />
          </ErrorBoundary>
          <ErrorBoundary area="metadata">
            <MetadataPanel />
          </ErrorBoundary>
          <ErrorBoundary area="gamma analysis">
            <GammaPanel />
          </ErrorBoundary>
          <ErrorBoundary area="emission analysis">
            <EmissionPanel />
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
          <ErrorBoundary area="MRS quantification">
            <MrsQuantifyView />
          </ErrorBoundary>
          <ErrorBoundary area="MRS transients">
            <MrsTransientsView />
          </ErrorBoundary>
          <ErrorBoundary area="time series">
            <TimeSeriesView />
          </ErrorBoundary>
          <ErrorBoundary area="nuclide table">
            <NuclideTable />
          </ErrorBoundary>
          <ErrorBoundary area="emission calibration">
            <EmissionCalibrationView />
          </ErrorBoundary>
          <ErrorBoundary area="emission lines">
            <EmissionLineTable />
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
