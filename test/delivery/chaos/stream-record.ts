import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { compareCursors, type Cursor } from '@conduit/contract';
import { ChangeStream, StreamChangeEntity, StreamFloorEntity } from '@conduit/live-server/testing';
import { testDatabaseUrl } from '../../support/postgres';

/** ChangeOutbox's commit-order lock (commit-order.ts): while a transaction holds it, no change commits. */
export const STREAM_LOCK_KEY = 0x436f6e64;

export interface StreamRow {
  cursor: Cursor;
  topic: string;
  key: string;
  type: string;
}

async function readRows(db: Client, after: Cursor): Promise<StreamRow[]> {
  const { rows } = await db.query<StreamRow>(
    'SELECT id::text AS cursor, topic, key, type FROM stream_change WHERE id > $1 ORDER BY stream_change.id',
    [after],
  );
  return rows;
}

/**
 * Every row the stream held during the run, those retention removed included: a segment that started
 * before a prune is compared with what was committed then, not with what is left.
 */
export class StreamRecord {
  private readonly rows = new Map<Cursor, StreamRow>();

  constructor(private readonly since: Cursor) {}

  /** Adds what the table holds now. */
  async read(db: Client): Promise<StreamRow[]> {
    const rows = await readRows(db, this.since);
    for (const row of rows) this.rows.set(row.cursor, row);
    return rows;
  }

  get size(): number {
    return this.rows.size;
  }

  /** The newest change of `topic`, or "0". */
  head(topic: string): Cursor {
    return this.after(topic, '0').at(-1)?.cursor ?? '0';
  }

  /** The rows of `topic` after `cursor`, in cursor order. */
  after(topic: string, cursor: Cursor): StreamRow[] {
    return [...this.rows.values()].filter((row) => row.topic === topic && compareCursors(row.cursor, cursor) > 0).sort((a, b) => compareCursors(a.cursor, b.cursor));
  }
}

/**
 * The app's own retention (ChangeStream.prune), run from the test on the cluster's schema: what an
 * instance's StreamRetention does on its timer, at the moment the test chooses and as far as it says.
 */
export class Pruner {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly stream: ChangeStream,
  ) {}

  static async open(schema: string): Promise<Pruner> {
    const dataSource = new DataSource({ type: 'postgres', url: testDatabaseUrl, schema, entities: [StreamChangeEntity, StreamFloorEntity] });
    await dataSource.initialize();
    return new Pruner(dataSource, new ChangeStream(dataSource));
  }

  /**
   * Holds the commit-order lock on `db`, so that the head stands still; adds the table to `record`;
   * asks `choose` for the newest cursor that may go (null: not yet); prunes through it, the way
   * STREAM_RETENTION_MAX_CHANGES would with that many changes kept. Returns the new floor, or null.
   */
  async pruneThrough(db: Client, record: StreamRecord, choose: (rows: StreamRow[]) => Cursor | null): Promise<Cursor | null> {
    await db.query('BEGIN');
    try {
      await db.query('SELECT pg_advisory_xact_lock($1)', [STREAM_LOCK_KEY]);
      const rows = await record.read(db);
      const through = choose(rows);
      if (through === null || rows.length === 0) return null;
      const head = BigInt(rows[rows.length - 1].cursor);
      const removed = await this.stream.prune(new Date(0), Number(head - BigInt(through)));
      if (removed === 0) return null;
      const { rows: floor } = await db.query<{ cursor: string }>('SELECT cursor::text AS cursor FROM stream_floor');
      return floor[0].cursor;
    } finally {
      await db.query('COMMIT');
    }
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
