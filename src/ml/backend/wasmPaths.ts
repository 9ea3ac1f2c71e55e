/**
 * URLs of the tfjs wasm binaries as Vite emits them (hashed assets), for
 * `initBackend(preference, { wasmPaths: wasmBinaryUrls })`. Without them a bundled worker looks
 * for the binary next to the worker script and gets a 404 ("expected magic word 00 61 73 6d",
 * browser-notes.md §2.2).
 *
 * Browser and worker only (the `?url` imports need Vite): import this from the worker entry,
 * never from code that runs in Node, where tfjs finds the binaries in its own dist/.
 */
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** tfjs's binary names → served URLs; `setWasmPaths` requires all three, even those not loaded. */
export const wasmBinaryUrls: Record<string, string> = {
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
};
