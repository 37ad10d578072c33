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

  /** The cursor before the oldest change kept: a subscriber from further back has missed some. */
  async floor(): Promise<Cursor> {
    const row = await this.dataSource
      .getRepository(StreamChangeEntity)
      .createQueryBuilder('change')
      .select('MIN(change.id)', 'oldest')
      .getRawOne<{ oldest: string | number | null }>();
    return row?.oldest === null || row?.oldest === undefined ? '0' : String(BigInt(row.oldest) - 1n);
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
