import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

// Checks run bottom-up and stop at the first failure (see create-article.dto.ts).
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @Max(100, { message: 'must be at most 100' })
  @Min(1, { message: 'must be at least 1' })
  @IsInt({ message: 'must be an integer' })
  @Type(() => Number)
  @IsOptional()
  limit: number = 20;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Min(0, { message: 'must be at least 0' })
  @IsInt({ message: 'must be an integer' })
  @Type(() => Number)
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
