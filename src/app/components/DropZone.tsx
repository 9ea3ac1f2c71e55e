import { type ReactNode, useState } from 'react';
import { useEngine } from '../engineContext';

/** The whole window accepts dropped files; an overlay shows while dragging. */
export function DropZone({ children }: { children: ReactNode }) {
  const engine = useEngine();
  const [dragging, setDragging] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; keyboard users have the "Open files…" button.
    <div
      className="drop-zone"
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void engine.loadFiles([...e.dataTransfer.files]);
      }}
    >
      {children}
      {dragging && <div className="drop-overlay">Drop spectrum files to load them</div>}
    </div>
  );
}

/** A button that opens the file picker. */
export function OpenFilesButton() {
  const engine = useEngine();
  return (
    <label className="button">
      Open files…
      <input
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void engine.loadFiles(files);
        }}
      />
    </label>
  );
}
