import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

// Checks run bottom-up and stop at the first failure (see create-article.dto.ts).

/**
 * Decimal integers only become a number; anything else stays as sent and fails `IsInt`. `Number()` would
 * take "0x10", "1e3", " 1" and "" (as 0), and a number past 2^53 is no longer the one written: the
 * bounds below keep what reaches the SQL a safe integer.
 */
const toPageNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?[0-9]{1,30}$/.test(value) ? Number(value) : value);

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @Max(100, { message: 'must be at most 100' })
  @Min(1, { message: 'must be at least 1' })
  @IsInt({ message: 'must be an integer' })
  @Transform(toPageNumber)
  @IsOptional()
  limit: number = 20;

  @ApiPropertyOptional({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })
  @Max(Number.MAX_SAFE_INTEGER, { message: `must be at most ${Number.MAX_SAFE_INTEGER}` })
  @Min(0, { message: 'must be at least 0' })
  @IsInt({ message: 'must be an integer' })
  @Transform(toPageNumber)
  @IsOptional()
  offset: number = 0;
}

export class ListArticlesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only articles with this tag' })
  @MaxLength(64, { message: 'is too long (maximum is 64 characters)' })
  @IsString({ message: 'must be a single string' })
  @IsOptional()
  tag?: string;

  @ApiPropertyOptional({ description: 'Only articles by this username' })
  @MaxLength(64, { message: 'is too long (maximum is 64 characters)' })
  @IsString({ message: 'must be a single string' })
  @IsOptional()
  author?: string;

  @ApiPropertyOptional({ description: 'Only articles this username favorited' })
  @MaxLength(64, { message: 'is too long (maximum is 64 characters)' })
  @IsString({ message: 'must be a single string' })
  @IsOptional()
  favorited?: string;
}
