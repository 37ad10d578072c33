import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Cursor } from '@conduit/contract';
import { StoredChange } from './change';
import { StreamChangeEntity } from './stream-change.entity';

/** Reads the committed change stream: its head, and what a topic missed after a cursor. */
@Injectable()
export class ChangeStream {
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
  async readAllAfter(cursor: Cursor, limit: number): Promise<StoredChange[]> {
    const rows = await this.dataSource
      .getRepository(StreamChangeEntity)
      .createQueryBuilder('change')
      .where('change.id > :cursor', { cursor })
      .orderBy('change.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((row) => StoredChange.fromRow(row));
  }

  /**
   * `head` as above, and `floor`, the cursor just before the oldest change kept: a subscriber from
   * further back has missed changes that retention removed.
   */
  async bounds(): Promise<{ floor: Cursor; head: Cursor }> {
    const row = await this.dataSource
      .getRepository(StreamChangeEntity)
      .createQueryBuilder('change')
      .select('MIN(change.id)', 'oldest')
      .addSelect('MAX(change.id)', 'newest')
      .getRawOne<{ oldest: string | number | null; newest: string | number | null }>();
    if (row?.oldest === null || row?.oldest === undefined || row.newest === null) return { floor: '0', head: '0' };
    return { floor: String(BigInt(row.oldest) - 1n), head: String(row.newest) };
  }

  /**
   * Removes changes older than `olderThan` or beyond the newest `keep`, never the newest one (it
   * holds the head). Returns how many went.
   */
  async prune(olderThan: Date, keep: number): Promise<number> {
    const { head } = await this.bounds();
    if (head === '0') return 0;
    const id = this.dataSource.driver.escape('id');
    const createdAt = this.dataSource.driver.escape('createdAt');
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(StreamChangeEntity)
      .where(`${id} < :head`, { head })
      .andWhere(`(${createdAt} < :cutoff OR ${id} <= :oldestKept)`, { cutoff: olderThan.getTime(), oldestKept: String(BigInt(head) - BigInt(keep)) })
      .execute();
    return result.affected ?? 0;
  }

  /** Up to `limit` changes of `topic` after `cursor`, oldest first. */
  async readAfter(topic: string, cursor: Cursor, limit: number): Promise<StoredChange[]> {
    const rows = await this.dataSource
      .getRepository(StreamChangeEntity)
      .createQueryBuilder('change')
      .where('change.topic = :topic', { topic })
      .andWhere('change.id > :cursor', { cursor })
      .orderBy('change.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((row) => StoredChange.fromRow(row));
  }
}
