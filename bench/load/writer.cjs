// Writes articles through POST /api/articles at a steady rate, each stamped with its send time
// (in the description) so that subscribers can measure insert-to-receipt latency.
const [baseUrl, rateText, countText] = process.argv.slice(2);
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
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = { article: { title: `E2E ${name} ${i}`, description: String(now()), body: 'Benchmark body. '.repeat(20) } };
    pending.push(call('/articles', body, user.token).catch(() => (failures += 1)));
  }
  await Promise.all(pending);
  const seconds = (now() - started) / 1000;
  process.stdout.write(`DONE ${JSON.stringify({ written: count - failures, failures, perSecond: (count - failures) / seconds })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
