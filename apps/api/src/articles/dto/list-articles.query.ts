import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

// Checks run bottom-up and stop at the first failure (see create-article.dto.ts).
export class PageQuery {
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

export class ListArticlesQuery extends PageQuery {
  @MaxLength(64, { message: 'is too long (maximum is 64 characters)' })
  @IsString({ message: 'must be a single string' })
  @IsOptional()
  tag?: string;

  @MaxLength(64, { message: 'is too long (maximum is 64 characters)' })
  @IsString({ message: 'must be a single string' })
  @IsOptional()
  author?: string;

  @MaxLength(64, { message: 'is too long (maximum is 64 characters)' })
  @IsString({ message: 'must be a single string' })
  @IsOptional()
  favorited?: string;
}
