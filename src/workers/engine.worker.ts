/// <reference lib="webworker" />
// Thin worker entry: exposes the engine with Comlink (explicit `self` endpoint, see browser-notes §6.2).
import * as Comlink from 'comlink';
import { wasmBinaryUrls } from '../ml/backend/wasmPaths';
import { fetchModelSource } from '../ml/registry/modelSource';
import { createEngine } from './engine';

const models = fetchModelSource(new URL(`${import.meta.env.BASE_URL}models/`, self.location.href).href);
Comlink.expose(createEngine({ transfer: Comlink.transfer, wasmPaths: wasmBinaryUrls, models }), self);
