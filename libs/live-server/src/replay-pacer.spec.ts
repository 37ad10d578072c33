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
});
