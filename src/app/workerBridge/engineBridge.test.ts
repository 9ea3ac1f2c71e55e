import * as Comlink from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import type { WorkbenchError } from '../../core/errors';
import { createEngine } from '../../workers/engine';
import { EngineBridge } from './engineBridge';

/**
 * A stand-in for a Worker: a MessageChannel whose far end runs the real engine (plus a job that
 * ignores cancellation), so the bridge's Comlink traffic, cancel and crash paths run in Node.
 */
function fakeWorkerFactory() {
  const workers: Array<MessagePort & { terminated: boolean; crash(message: string): void }> = [];
  const create = () => {
    const channel = new MessageChannel();
    const engine = {
      ...createEngine(),
      /** Busy for `ms`, never checking for cancel: the bridge must terminate the worker. */
      async stubborn(_jobId: string, ms: number): Promise<string> {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return 'finished';
      },
      async progressing(_jobId: string, onProgress: (f: number, label: string) => void): Promise<number> {
        for (const f of [0.25, 0.5, 1]) await onProgress(f, `step ${f}`);
        return 42;
      },
    };
    Comlink.expose(engine, channel.port2);
    const port = channel.port1 as MessagePort & {
      terminated: boolean;
      crash(message: string): void;
      terminate(): void;
    };
    port.terminated = false;
    port.terminate = () => {
      port.terminated = true;
      port.close();
      channel.port2.close();
    };
    port.crash = (message) => {
      const event = new Event('error', { cancelable: true });
      Object.assign(event, { message });
      port.dispatchEvent(event);
    };
    port.start();
    workers.push(port);
    return port as unknown as Worker;
  };
  return { create, workers };
}

type Extended = ReturnType<typeof createEngine> & {
  stubborn(jobId: string, ms: number): Promise<string>;
  progressing(jobId: string, onProgress: unknown): Promise<number>;
};
const extended = (remote: unknown) => remote as Comlink.Remote<Extended>;

describe('EngineBridge', () => {
  it('calls the engine through Comlink and passes progress through a proxy', async () => {
    const { create } = fakeWorkerFactory();
    const bridge = new EngineBridge(create);
    expect(await bridge.engine.ping()).toBe('pong');
    const progress: number[] = [];
    const value = await bridge.call((remote, jobId, onProgress) => extended(remote).progressing(jobId, onProgress), {
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(value).toBe(42);
    expect(progress).toEqual([0.25, 0.5, 1]);
    bridge.dispose();
  });

  it('cancels cooperatively: the engine stops the job and the call rejects with CANCELLED', async () => {
    const { create, workers } = fakeWorkerFactory();
    const bridge = new EngineBridge(create);
    const points = 3000;
    const spectrum = {
      id: 'a.csv#0',
      name: 'a.csv',
      file: 'a.csv',
      domain: 'generic',
      x: { values: Float64Array.from({ length: points }, (_, i) => i), unit: 'index', quantity: 'index' },
      y: { values: Float64Array.from({ length: points }, (_, i) => i % 7), unit: 'a.u.' },
      meta: {},
    } as const;
    const many = Array.from({ length: 200 }, () => spectrum);
    const controller = new AbortController();
    const document = {
      schema: 'spectralligence.pipeline',
      version: 1,
      steps: [{ step: 'savitzky-golay', version: 1, params: {} }],
    } as const;
    const result = bridge.call<unknown>((remote, jobId) => remote.runPipeline(jobId, many as never, document), {
      signal: controller.signal,
    });
    // Abort at once: the cancel reaches the engine while it is still loading the pipeline module
    // (a cancel lost in that window was a bug).
    controller.abort();
    const outcome = await result.catch((error: WorkbenchError) => error);
    // Either the engine answered with a CANCELLED result, or the bridge rejected: never a full run.
    const code =
      'ok' in (outcome as object)
        ? (outcome as { error?: { code: string } }).error?.code
        : (outcome as WorkbenchError).code;
    expect(code).toBe('CANCELLED');
    expect(workers).toHaveLength(1); // the job stopped by itself: no restart was needed
    bridge.dispose();
  });

  it('terminates and replaces a worker whose job ignores the cancel, after the grace period', async () => {
    const { create, workers } = fakeWorkerFactory();
    const started = vi.fn();
    const bridge = new EngineBridge(create, { onStart: started });
    const controller = new AbortController();
    const call = bridge.call((remote, jobId) => extended(remote).stubborn(jobId, 5_000), {
      signal: controller.signal,
      cancelGraceMs: 50,
    });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(started).toHaveBeenCalledTimes(2);
    expect(await bridge.engine.ping()).toBe('pong'); // the new worker answers
    bridge.dispose();
  });

  it('rejects pending calls with WORKER_CRASHED when the worker dies, and starts a new one', async () => {
    const { create, workers } = fakeWorkerFactory();
    const crashed = vi.fn();
    const bridge = new EngineBridge(create, { onCrash: crashed });
    const pending = bridge.call((remote, jobId) => extended(remote).stubborn(jobId, 5_000));
    workers[0]?.crash('out of memory');
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(crashed).toHaveBeenCalledWith('out of memory');
    expect(bridge.restartCount).toBe(1);
    expect(await bridge.engine.ping()).toBe('pong');
    bridge.dispose();
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { create } = fakeWorkerFactory();
    const bridge = new EngineBridge(create);
    const controller = new AbortController();
    controller.abort();
    await expect(bridge.call((remote) => remote.ping(), { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    bridge.dispose();
  });
});
