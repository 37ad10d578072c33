import { ReplayPacer } from './replay-pacer';

describe('ReplayPacer', () => {
  it('gives one turn at a time, in the order asked', async () => {
    const pacer = new ReplayPacer();
    const log: string[] = [];
    const replay = async (name: string) => {
      for (let page = 0; page < 2; page++) {
        const endTurn = await pacer.turn();
        log.push(`${name} start`);
        await Promise.resolve();
        log.push(`${name} end`);
        endTurn();
      }
    };
    await Promise.all([replay('a'), replay('b')]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'a start', 'a end', 'b start', 'b end']);
  });

  it('lets pending I/O callbacks run before every turn, even with nobody else waiting', async () => {
    const pacer = new ReplayPacer();
    let ioRan = false;
    const endTurn = await pacer.turn();
    setImmediate(() => (ioRan = true));
    endTurn();
    await pacer.turn();
    expect(ioRan).toBe(true);
  });

  it('leaves the process to others for as long as the last turn took', async () => {
    jest.useFakeTimers();
    try {
      const pacer = new ReplayPacer();
      const first = pacer.turn();
      await jest.advanceTimersToNextTimerAsync();
      const endTurn = await first;
      jest.advanceTimersByTime(20);
      endTurn();
      let granted = false;
      void pacer.turn().then(() => (granted = true));
      await jest.advanceTimersByTimeAsync(18);
      expect(granted).toBe(false);
      await jest.advanceTimersByTimeAsync(3);
      expect(granted).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
