import { once } from 'node:events';
import { Writable } from 'node:stream';
import { stopWritingToBrokenPipes } from './broken-pipes';

/** A stream whose reader has gone: every write fails with EPIPE, and counts the attempts. */
function brokenPipe(): { stream: NodeJS.WriteStream; attempts: () => number } {
  let attempts = 0;
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      attempts += 1;
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, attempts: () => attempts };
}

describe('stopWritingToBrokenPipes', () => {
  it('handles the first EPIPE quietly and writes nothing to that stream again', async () => {
    const { stream, attempts } = brokenPipe();
    stopWritingToBrokenPipes([stream]);
    const uncaught = jest.fn();
    process.on('uncaughtException', uncaught);
    try {
      stream.write('first line\n');
      await once(stream, 'error');
      for (let i = 0; i < 100; i++) expect(stream.write(`line ${i}\n`)).toBe(true);
      expect(attempts()).toBe(1);
      expect(uncaught).not.toHaveBeenCalled();
    } finally {
      process.off('uncaughtException', uncaught);
    }
  });
});
