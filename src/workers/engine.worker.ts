/// <reference lib="webworker" />
// Thin worker entry: exposes the engine with Comlink (explicit `self` endpoint, see browser-notes §6.2).
import * as Comlink from 'comlink';
import { wasmBinaryUrls } from '../ml/backend/wasmPaths';
import { createEngine } from './engine';

Comlink.expose(createEngine({ transfer: Comlink.transfer, wasmPaths: wasmBinaryUrls }), self);
