import { shareStatementCache } from './shared-statement-cache';

function countingConnection() {
  const prepared: string[] = [];
  return { prepared, connection: { prepare: (source: string) => (prepared.push(source), { source }) } };
}

describe('shareStatementCache', () => {
  it('prepares each SQL text once and hands every caller that statement', () => {
    const { prepared, connection } = countingConnection();
    shareStatementCache(connection);
    const first = connection.prepare('SELECT 1');
    expect(connection.prepare('SELECT 1')).toBe(first);
    expect(connection.prepare('SELECT 2')).not.toBe(first);
    expect(prepared).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('keeps at most 500 statements, dropping the least recently used', () => {
    const { prepared, connection } = countingConnection();
    shareStatementCache(connection);
    connection.prepare('kept');
    for (let i = 0; i < 600; i++) {
      connection.prepare(`one-off ${i}`);
      connection.prepare('kept');
    }
    connection.prepare('one-off 0');
    expect(prepared.filter((source) => source === 'kept')).toHaveLength(1);
    expect(prepared.filter((source) => source === 'one-off 0')).toHaveLength(2);
  });
});
