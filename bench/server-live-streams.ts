// The client side of the live streams benchmark (bench/server-live.ts), in a child process of
// its own so that the server process measured holds the server only: opens `count` live
// streams (plain fetch), counts the changes and heartbeats they receive, and says so over IPC.
const [base, countText, scope] = process.argv.slice(2);
const count = Number(countText);
const TOKENS = 50;

let changes = 0;
let heartbeats = 0;
let connected = 0;
let expected = Infinity;
const abort = new AbortController();
const send = (message: object) => process.send!(message);

/** Reads one stream to its end, counting events by their lines (split chunks kept until whole). */
async function readStream(index: number, onOpen: () => void): Promise<void> {
  let response: Response;
  // A busy server (503) is asked again a little later, as a client told Retry-After would.
  for (let tries = 0; ; tries++) {
    response = await fetch(`${base}/live?${scope}`, {
      headers: { Authorization: `Bearer t${1 + (index % TOKENS)}`, Accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (response.status !== 503 || tries >= 20) break;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (response.status !== 200) throw new Error(`stream ${index}: ${response.status} ${await response.text()}`);
  const decoder = new TextDecoder();
  let rest = '';
  let first = true;
  const body = response.body!.getReader();
  for (let chunk = await body.read(); !chunk.done; chunk = await body.read()) {
    const lines = (rest + decoder.decode(chunk.value, { stream: true })).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      if (line === 'event: change') changes++;
      else if (line === ': heartbeat') heartbeats++;
    }
    if (first) {
      first = false;
      onOpen();
      if (++connected === count) send({ type: 'connected' });
    }
    if (changes >= expected) {
      expected = Infinity;
      send({ type: 'reached', changes });
    }
  }
  // This client does not resume: a stream the server ended fails the run instead of stalling it.
  if (!abort.signal.aborted) throw new Error(`stream ${index} was ended by the server`);
}

process.on('message', (message: { type: string; changes?: number }) => {
  if (message.type === 'counts') send({ type: 'counts', changes, heartbeats });
  if (message.type === 'expect') {
    expected = message.changes!;
    if (changes >= expected) send({ type: 'reached', changes });
  }
  if (message.type === 'close') {
    abort.abort();
    process.exit(0);
  }
});

/** Streams being opened at once (more would be refused by a busy database: PGlite lets 4 run and 64 wait). */
const OPENING_AT_ONCE = 8;
let next = 0;
/** Opens the next stream; each one open starts the next. */
const openNext = () => {
  if (next >= count) return;
  const index = next++;
  readStream(index, openNext).catch((error: Error) => {
    if (!abort.signal.aborted) send({ type: 'failed', message: error.message });
  });
};
for (let i = 0; i < OPENING_AT_ONCE; i++) openNext();
