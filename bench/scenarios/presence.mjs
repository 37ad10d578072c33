import { join } from 'node:path';
import { cpuMs, median, start } from '../lib/processes.mjs';
import { restWriter } from '../lib/rest-writer.mjs';
import { freshStore, startApp } from './end-to-end.mjs';

const here = new URL('..', import.meta.url).pathname;

/**
 * Presence under a crowd (issue 13): `readers` sockets join one article's comments topic at once,
 * then all leave, `rounds` times. For each phase: how long until a reader who stayed sees the final
 * count, the `presence` frames the server sent per second meanwhile (coalescing keeps it near one per
 * reader per second), and the server's CPU time.
 */
export async function presenceCrowd({ readers, rounds }) {
  const storage = await freshStore('sqlite');
  const app = await startApp(storage.env);
  const pid = app.app.child.pid;
  let crowd;
  try {
    const writer = await restWriter(app.baseUrl, 'crowd');
    const { article } = await writer.postArticle({ title: 'Everyone reads this', description: 'A crowded article', body: 'Read me.', tagList: ['bench'] });
    crowd = start(process.execPath, [join(here, 'load/presence-crowd.cjs'), app.wsUrl, `articles/${article.slug}/comments`, String(readers)]);
    await crowd.line('READY', 60_000);
    const phases = { join: [], leave: [] };
    for (let round = 0; round < rounds; round++) {
      for (const [phase, command, answer] of [['join', 'join', 'JOINED'], ['leave', 'leave', 'LEFT']]) {
        const cpuBefore = await cpuMs(pid);
        crowd.send(command);
        const result = JSON.parse(await crowd.line(answer, 120_000));
        phases[phase].push({ ...result, cpuMs: (await cpuMs(pid)) - cpuBefore });
      }
    }
    const summary = (runs) => ({
      seconds: median(runs.map((run) => run.seconds)),
      framesPerSecond: median(runs.map((run) => run.frames / run.seconds)),
      cpuMs: median(runs.map((run) => run.cpuMs)),
      cpuShare: median(runs.map((run) => run.cpuMs / (run.seconds * 1000))),
    });
    return { join: summary(phases.join), leave: summary(phases.leave), runs: phases };
  } finally {
    crowd?.send('exit');
    await crowd?.stop();
    await app.app.stop();
    await storage.drop();
  }
}
