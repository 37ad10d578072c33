import { Client } from 'pg';
import { testDatabaseUrl } from './postgres';

/**
 * Pauses a transaction of the app between its `stream_change` insert and its COMMIT, on Postgres:
 * a trigger on the app's schema makes the insert of a change whose payload holds `marker` wait for a
 * row lock the gate holds. The app's code runs unchanged; the pause sits exactly where the
 * commit-order lock matters (after the change took its id, before it is visible).
 */
export class CommitGate {
  private constructor(
    private readonly holder: Client,
    private readonly watcher: Client,
    private readonly holderPid: number,
    private readonly schema: string,
  ) {}

  static async install(schema: string, marker: string): Promise<CommitGate> {
    const setup = new Client({ connectionString: testDatabaseUrl });
    await setup.connect();
    try {
      await setup.query(`SET search_path TO "${schema}"`);
      await setup.query('CREATE TABLE IF NOT EXISTS commit_gate (id int PRIMARY KEY)');
      await setup.query('INSERT INTO commit_gate VALUES (1) ON CONFLICT DO NOTHING');
      await setup.query(`
        CREATE OR REPLACE FUNCTION hold_marked_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.payload LIKE ${literal(`%${marker}%`)} THEN PERFORM 1 FROM "${schema}".commit_gate FOR SHARE; END IF;
          RETURN NEW;
        END $$`);
      await setup.query('CREATE TRIGGER hold_marked_change AFTER INSERT ON stream_change FOR EACH ROW EXECUTE FUNCTION hold_marked_change()');
    } finally {
      await setup.end();
    }
    const [holder, watcher] = [new Client({ connectionString: testDatabaseUrl }), new Client({ connectionString: testDatabaseUrl })];
    await Promise.all([holder.connect(), watcher.connect()]);
    await holder.query(`SET search_path TO "${schema}"`);
    const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM commit_gate FOR UPDATE');
    return new CommitGate(holder, watcher, rows[0].pid, schema);
  }

  /** The backend of the transaction the gate holds, once one is held. */
  async held(): Promise<number> {
    return (await this.firstWaiterOn(this.holderPid))!;
  }

  /**
   * The first backend that waits for a lock `pid` holds (the commit-order lock, say), or null once
   * `unless` settles first.
   */
  async firstWaiterOn(pid: number, unless: Promise<unknown> = new Promise(() => {})): Promise<number | null> {
    let settled = false;
    unless.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      const { rows } = await this.watcher.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)) LIMIT 1', [pid]);
      if (rows.length > 0) return rows[0].pid;
      // Polls a state no event announces; the interval only spares the machine.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return null;
  }

  /** Lets the held transaction go on to its COMMIT. */
  async release(): Promise<void> {
    await this.holder.query('ROLLBACK');
  }

  /** Releases the held transaction if any, and removes the trigger. */
  async close(): Promise<void> {
    await this.holder.query('ROLLBACK');
    await this.watcher.query(`DROP TRIGGER hold_marked_change ON "${this.schema}".stream_change`);
    await Promise.all([this.holder.end(), this.watcher.end()]);
  }
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
