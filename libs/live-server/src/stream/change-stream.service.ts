import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Cursor } from '@conduit/contract';
import { committedChange, type CommittedChange } from './committed-change';
import { StreamHead } from './stream-head';
import { StreamChangeEntity } from '../capture/stream-change.entity';
import { StreamFloorEntity } from '../capture/stream-floor.entity';

const FLOOR_ROW = 1;

/** Reads the committed change stream: its head, and what a topic missed after a cursor. */
@Injectable()
export class ChangeStream implements StreamHead {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest committed cursor, or "0" for an empty stream. */
  async head(): Promise<Cursor> {
    const row = await this.dataSource
      .getRepository(StreamChangeEntity)
      .createQueryBuilder('change')
      .select('MAX(change.id)', 'head')
      .getRawOne<{ head: string | number | null }>();
    return row?.head === null || row?.head === undefined ? '0' : String(row.head);
  }

  /** Up to `limit` changes of every topic after `cursor`, oldest first. */
  async readAllAfter(cursor: Cursor, limit: number): Promise<CommittedChange[]> {
    const rows = await this.dataSource
      .getRepository(StreamChangeEntity)
      .createQueryBuilder('change')
      .where('change.id > :cursor', { cursor })
      .orderBy('change.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(committedChange);
  }

  /**
   * `head` as above, and `floor`, the newest cursor retention removed: a subscriber from further
   * back has missed changes.
   */
  async bounds(): Promise<{ floor: Cursor; head: Cursor }> {
    const [head, floor] = await Promise.all([this.head(), this.floor()]);
    return { floor, head };
  }

  /** The newest cursor retention removed ("0" before the first prune). */
  async floor(): Promise<Cursor> {
    const row = await this.dataSource.getRepository(StreamFloorEntity).findOneBy({ id: FLOOR_ROW });
    return row ? String(row.cursor) : '0';
  }

  /**
   * Removes changes older than `olderThan` or beyond the newest `keep`, never the newest one (it
   * holds the head), and moves the floor up to the newest removed. Returns how many went.
   */
  async prune(olderThan: Date, keep: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const head = await this.head();
      if (head === '0') return 0;
      const doomed = await manager
        .getRepository(StreamChangeEntity)
        .createQueryBuilder('change')
        .select('MAX(change.id)', 'newest')
        .where('change.id < :head', { head })
        .andWhere('(change.createdAt < :cutoff OR change.id <= :oldestKept)', { cutoff: olderThan.getTime(), oldestKept: String(BigInt(head) - BigInt(keep)) })
        .getRawOne<{ newest: string | number | null }>();
      if (doomed?.newest === null || doomed?.newest === undefined) return 0;
      const newest = String(doomed.newest);
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(StreamChangeEntity)
        .where(`${this.dataSource.driver.escape('id')} <= :newest`, { newest })
        .execute();
      await manager.upsert(StreamFloorEntity, { id: FLOOR_ROW, cursor: newest }, ['id']);
      return result.affected ?? 0;
    });
  }

  /** Up to `limit` changes of `topic` after `cursor`, oldest first. */
  async readAfter(topic: string, cursor: Cursor, limit: number): Promise<CommittedChange[]> {
    const rows = await this.dataSource
      .getRepository(StreamChangeEntity)
      .createQueryBuilder('change')
      .where('change.topic = :topic', { topic })
      .andWhere('change.id > :cursor', { cursor })
      .orderBy('change.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(committedChange);
  }
}
