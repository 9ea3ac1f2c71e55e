import { createContext, useContext } from 'react';
import type { EngineClient } from './workerBridge/engineClient';

export const EngineContext = createContext<EngineClient | null>(null);

/** The engine client of this page (made once in main.tsx). */
export function useEngine(): EngineClient {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('useEngine outside <EngineContext.Provider>');
  return engine;
}
