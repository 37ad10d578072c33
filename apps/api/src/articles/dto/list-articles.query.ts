import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

// Checks run bottom-up and stop at the first failure (see create-article.dto.ts).
export class ListArticlesQuery {
  @Max(100, { message: 'must be at most 100' })
  @Min(1, { message: 'must be at least 1' })
  @IsInt({ message: 'must be an integer' })
  @Type(() => Number)
  @IsOptional()
  limit: number = 20;

  @Min(0, { message: 'must be at least 0' })
  @IsInt({ message: 'must be an integer' })
  @Type(() => Number)
  @IsOptional()
  offset: number = 0;
}
