/**
 * A reader of stdout or stderr that goes away (a harness that exits, `| head -c 1`) turns every later
 * write there into an EPIPE error. Unhandled, each is an uncaught exception logged to the same dead
 * pipe, whose failure is logged in turn: a loop that burnt most of a core for as long as the process
 * lived. The first error on each stream is handled once and quietly: nothing is written there again.
 * pino's own destinations (sonic-boom on fd 1) handle EPIPE the same way by themselves.
 */
export function stopWritingToBrokenPipes(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', () => {
      stream.write = (() => true) as NodeJS.WriteStream['write'];
    });
  }
}
