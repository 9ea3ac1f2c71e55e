import * as Comlink from 'comlink';
import { WorkbenchError } from '../../core/errors';
import type { Engine, ProgressCallback } from '../../workers/engine';

export type EngineRemote = Comlink.Remote<Engine>;

export interface BridgeHooks {
  /** The worker died (uncaught error, out of memory); pending calls were rejected. */
  readonly onCrash?: (reason: string) => void;
  /** A fresh worker is running (after start, crash or a forced cancel). */
  readonly onStart?: (remote: EngineRemote, restarts: number) => void;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressCallback;
  /** How long a cancelled job may take to stop by itself before the worker is terminated, ms. */
  readonly cancelGraceMs?: number;
}

interface Pending {
  readonly reject: (error: WorkbenchError) => void;
}

let jobCounter = 0;

/**
 * The one door from the main thread to the engine worker (squoosh-style): wraps Comlink,
 * gives each call a job id, turns an AbortSignal into a cooperative cancel (and terminates the
 * worker if the job does not stop within a grace period), passes progress through a Comlink proxy
 * (released by Comlink when collected), and replaces a crashed worker with a fresh one.
 */
export class EngineBridge {
  private worker!: Worker;
  private remote!: EngineRemote;
  private readonly pending = new Set<Pending>();
  private restarts = -1;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly hooks: BridgeHooks = {},
  ) {
    this.start();
  }

  /** Number of times the worker was replaced. */
  get restartCount(): number {
    return this.restarts;
  }

  private start(): void {
    this.worker = this.createWorker();
    this.remote = Comlink.wrap<Engine>(this.worker);
    const fail = (event: Event) => {
      const message = (event as Partial<ErrorEvent>).message;
      const reason = typeof message === 'string' && message ? message : 'the engine worker stopped';
      event.preventDefault?.();
      this.crash(reason);
    };
    this.worker.addEventListener('error', fail);
    this.worker.addEventListener('messageerror', fail);
    this.restarts += 1;
    this.hooks.onStart?.(this.remote, this.restarts);
  }

  private replaceWorker(error: WorkbenchError): void {
    this.remote[Comlink.releaseProxy]();
    this.worker.terminate();
    for (const p of [...this.pending]) p.reject(error);
    this.pending.clear();
    this.start();
  }

  private crash(reason: string): void {
    this.hooks.onCrash?.(reason);
    this.replaceWorker(
      new WorkbenchError('WORKER_CRASHED', `The processing engine stopped (${reason}); it was restarted.`),
    );
  }

  /**
   * Runs `job` on the engine. The job receives a fresh job id and a progress proxy. Rejects
   * with `CANCELLED` on abort and `WORKER_CRASHED` when the worker dies underneath it.
   */
  call<T>(
    job: (remote: EngineRemote, jobId: string, onProgress?: ProgressCallback) => Promise<T>,
    options: CallOptions = {},
  ): Promise<T> {
    const jobId = `job-${++jobCounter}`;
    const remote = this.remote;
    const progress = options.onProgress ? Comlink.proxy(options.onProgress) : undefined;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const entry: Pending = { reject: (error) => finish(() => reject(error)) };
      const onAbort = () => {
        void remote.cancel(jobId).catch(() => undefined);
        graceTimer = setTimeout(() => {
          if (settled) return;
          const error = new WorkbenchError('CANCELLED', 'The job was cancelled.');
          this.pending.delete(entry);
          finish(() => reject(error));
          this.replaceWorker(
            new WorkbenchError('CANCELLED', 'The job was interrupted: the engine was restarted to stop another job.'),
          );
        }, options.cancelGraceMs ?? 1500);
      };
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(graceTimer);
        this.pending.delete(entry);
        options.signal?.removeEventListener('abort', onAbort);
        settle();
      };
      if (options.signal?.aborted) {
        reject(new WorkbenchError('CANCELLED', 'The job was cancelled.'));
        return;
      }
      this.pending.add(entry);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      job(remote, jobId, progress).then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    });
  }

  /** The current remote, for calls that need no job id or cancel (cheap queries). */
  get engine(): EngineRemote {
    return this.remote;
  }

  dispose(): void {
    this.remote[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}
