import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { NotBlank } from '../../common/not-blank';

// class-validator runs a property's decorators bottom-up and the pipe stops at the first failure,
// so each property lists its checks from the most specific (top) to the type check (bottom).

export class NewArticleDto {
  @ApiProperty({ maxLength: 255, example: 'How to train your dragon' })
  @MaxLength(255, { message: 'is too long (maximum is 255 characters)' })
  @NotBlank()
  @IsString({ message: 'must be a string' })
  title!: string;

  @ApiProperty({ maxLength: 1000, example: 'Ever wonder how?' })
  @MaxLength(1000, { message: 'is too long (maximum is 1000 characters)' })
  @NotBlank()
  @IsString({ message: 'must be a string' })
  description!: string;

  @ApiProperty({ maxLength: 100_000, description: 'Markdown', example: 'You have to believe' })
  @MaxLength(100_000, { message: 'is too long (maximum is 100000 characters)' })
  @NotBlank()
  @IsString({ message: 'must be a string' })
  body!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['dragons', 'training'] })
  @MaxLength(64, { each: true, message: 'has a tag that is too long (maximum is 64 characters)' })
  @IsNotEmpty({ each: true, message: "can't hold a blank tag" })
  @IsString({ each: true, message: 'must be an array of strings' })
  @ArrayMaxSize(20, { message: 'has too many tags (maximum is 20)' })
  @IsArray({ message: 'must be an array of strings' })
  @IsOptional()
  tagList?: string[] | null;
}

export class CreateArticleDto {
  @ApiProperty({ type: () => NewArticleDto })
  @ValidateNested()
  @Type(() => NewArticleDto)
  @IsObject({ message: 'must be an object' })
  @IsDefined({ message: "can't be blank" })
  article!: NewArticleDto;
}
