import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Cursor } from '@conduit/contract';
import { StreamHead } from '@conduit/live-server';
import { ArticleTagEntity } from '../articles/article-tag.entity';

const MAX_TAGS = 100;

/** The popular tags and the stream position they were read at: the `articles` topic keeps them current. */
export interface TagList {
  cursor: Cursor;
  tags: string[];
}

@Injectable()
export class TagsService {
  constructor(
    @InjectRepository(ArticleTagEntity) private readonly tags: Repository<ArticleTagEntity>,
    private readonly stream: StreamHead,
  ) {}

  /**
   * Tags in use, the most used first (what a "popular tags" box wants), at most 100. The cursor is read
   * before the rows, so the list is never behind it.
   */
  async popular(): Promise<TagList> {
    const cursor = await this.stream.head();
    const rows = await this.tags
      .createQueryBuilder('t')
      .select('t.tag', 'tag')
      .addSelect('COUNT(*)', 'uses')
      .groupBy('t.tag')
      .orderBy('uses', 'DESC')
      .addOrderBy('t.tag', 'ASC')
      .limit(MAX_TAGS)
      .getRawMany<{ tag: string }>();
    return { cursor, tags: rows.map((row) => row.tag) };
  }
}
