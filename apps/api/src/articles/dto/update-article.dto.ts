import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsNotEmpty, IsObject, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { NotBlank } from '../../common/not-blank';

// Checks run bottom-up and stop at the first failure (see create-article.dto.ts). Every field is
// optional, but one that is present must be valid: `null` is refused, `tagList: []` clears the tags.
const present = (_: object, value: unknown) => value !== undefined;

export class ArticleChangesDto {
  @ApiPropertyOptional({ maxLength: 255 })
  @MaxLength(255, { message: 'is too long (maximum is 255 characters)' })
  @NotBlank()
  @IsString({ message: 'must be a string' })
  @ValidateIf(present)
  title?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @MaxLength(1000, { message: 'is too long (maximum is 1000 characters)' })
  @NotBlank()
  @IsString({ message: 'must be a string' })
  @ValidateIf(present)
  description?: string;

  @ApiPropertyOptional({ maxLength: 100_000 })
  @MaxLength(100_000, { message: 'is too long (maximum is 100000 characters)' })
  @NotBlank()
  @IsString({ message: 'must be a string' })
  @ValidateIf(present)
  body?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @MaxLength(64, { each: true, message: 'has a tag that is too long (maximum is 64 characters)' })
  @IsNotEmpty({ each: true, message: "can't hold a blank tag" })
  @IsString({ each: true, message: 'must be an array of strings' })
  @ArrayMaxSize(20, { message: 'has too many tags (maximum is 20)' })
  @IsArray({ message: 'must be an array of strings' })
  @ValidateIf(present)
  tagList?: string[];
}

export class UpdateArticleDto {
  @ApiProperty({ type: () => ArticleChangesDto })
  @ValidateNested()
  @Type(() => ArticleChangesDto)
  @IsObject({ message: 'must be an object' })
  @IsDefined({ message: "can't be blank" })
  article!: ArticleChangesDto;
}
