/**
 * Lets pending events run (a worker's `cancel` message, a timer, an abort) before the caller goes
 * on. Uses `setImmediate` where there is one (Node), else a `MessageChannel` message (browsers,
 * workers: no 4 ms clamping as with nested `setTimeout`), else `setTimeout(0)`.
 */
export function yieldToEventLoop(): Promise<void> {
  const { setImmediate } = globalThis as { setImmediate?: (callback: () => void) => unknown };
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(resolve);
    } else if (typeof MessageChannel === 'function') {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}
