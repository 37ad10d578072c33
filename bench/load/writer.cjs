// Writes articles through POST /api/articles at a steady rate (or, with rate 0, as fast as the server
// takes them, `inFlight` at a time: 16 unless told), each stamped with its send time (in the description) so that
// subscribers can measure insert-to-receipt latency.
const [baseUrl, rateText, countText, inFlightText = '16'] = process.argv.slice(2);
const rate = Number(rateText);
const count = Number(countText);
const now = () => performance.timeOrigin + performance.now();

async function call(path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Token ${token}`;
  const res = await fetch(`${baseUrl}/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function main() {
  const name = `writer${process.pid}${Date.now()}`;
  const { user } = await call('/users', { user: { username: name, email: `${name}@bench.example`, password: 'benchmark password' } });
  process.stdout.write('READY\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const started = now();
  const pending = [];
  let failures = 0;
  const post = (i) => call('/articles', { article: { title: `E2E ${name} ${i}`, description: String(now()), body: 'Benchmark body. '.repeat(20) } }, user.token).catch((error) => {
    failures += 1;
    if (failures === 1) console.error(`first failed insert: ${error.message} ${error.cause?.code ?? error.cause?.message ?? ""}`);
  });
  if (rate === 0) {
    let next = 0;
    const lane = async () => {
      while (next < count) await post(next++);
    };
    await Promise.all(Array.from({ length: Number(inFlightText) }, lane));
  }
  for (let i = 0; rate > 0 && i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(post(i));
  }
  await Promise.all(pending);
  const seconds = (now() - started) / 1000;
  process.stdout.write(`DONE ${JSON.stringify({ written: count - failures, failures, perSecond: (count - failures) / seconds })}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
