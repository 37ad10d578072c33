// Preloaded into a server under test with `node --expose-gc --require`: a full collection every second,
// run as a task (async), outside any JavaScript context, as V8's idle-time collections are; native
// objects dropped by earlier queries are finalized there.
const pulse = setInterval(() => globalThis.gc({ type: 'major', execution: 'async' }), 1000);
pulse.unref();
