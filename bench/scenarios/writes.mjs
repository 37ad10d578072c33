import { median } from '../lib/processes.mjs';
import { comparisonMain, endToEnd } from './end-to-end.mjs';

export const WRITE_CONTENDERS = { 'comparison server': comparisonMain, 'Conduit Live': undefined };

/**
 * POST /api/articles as fast as each server takes them, `inFlight` at a time, to `subscribers`
 * sockets: inserts/s and insert-to-receipt latency for the comparison server and for the app on
 * one store, a fresh store per run, the contenders alternating so that the machine's load falls
 * on both alike. Medians over `rounds`.
 */
export async function writes({ store, subscribers, inFlight, count, rounds }) {
  const runs = Object.fromEntries(Object.keys(WRITE_CONTENDERS).map((name) => [name, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [name, entry] of Object.entries(WRITE_CONTENDERS)) {
      runs[name].push(await endToEnd({ store, subscribers, rate: 0, seconds: 0, count, inFlight, entry }));
    }
  }
  return Object.fromEntries(
    Object.entries(runs).map(([name, measured]) => [
      name,
      {
        insertsPerSecond: median(measured.map((r) => r.insertsPerSecond)),
        p50: median(measured.map((r) => r.p50)),
        p99: median(measured.map((r) => r.p99)),
        serverCpuPercent: median(measured.map((r) => r.serverCpuPercentWriting)),
        serverCpuMsPerInsert: median(measured.map((r) => r.serverCpuMsPerInsert)),
        delivered: measured.reduce((sum, r) => sum + r.delivered, 0),
        expected: measured.reduce((sum, r) => sum + r.expected, 0),
        failedInserts: measured.reduce((sum, r) => sum + r.failedInserts, 0),
      },
    ]),
  );
}
