/**
 * Runs module code in a fresh page (an iframe: its own custom element registry and module
 * instances) and resolves with what it posts back: the code ends with
 * `parent.postMessage({ name: '<name>', report }, '*')`.
 */
export function reportFromFreshPage<T>(name: string, moduleCode: string, timeoutMs = 15_000): Promise<T> {
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '1200px';
  frame.style.blockSize = '900px';
  frame.srcdoc = `<!doctype html><body><script type="module">${moduleCode}</script></body>`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: the page never answered`)), timeoutMs);
    const onMessage = (event: MessageEvent) => {
      if (event.data?.name !== name) return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      frame.remove();
      resolve(event.data.report as T);
    };
    window.addEventListener('message', onMessage);
    document.body.append(frame);
  });
}
