import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ArticleTagEntity } from '../articles/article-tag.entity';

const MAX_TAGS = 100;

@Injectable()
export class TagsService {
  constructor(@InjectRepository(ArticleTagEntity) private readonly tags: Repository<ArticleTagEntity>) {}

  /** Tags in use, the most used first (what a "popular tags" box wants), at most 100. */
  async popular(): Promise<string[]> {
    const rows = await this.tags
      .createQueryBuilder('t')
      .select('t.tag', 'tag')
      .addSelect('COUNT(*)', 'uses')
      .groupBy('t.tag')
      .orderBy('uses', 'DESC')
      .addOrderBy('t.tag', 'ASC')
      .limit(MAX_TAGS)
      .getRawMany<{ tag: string }>();
    return rows.map((row) => row.tag);
  }
}
