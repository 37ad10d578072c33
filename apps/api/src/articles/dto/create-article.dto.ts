import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class NewArticleDto {
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: "can't be blank" })
  @MaxLength(255, { message: 'is too long (maximum is 255 characters)' })
  title!: string;

  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: "can't be blank" })
  @MaxLength(1000, { message: 'is too long (maximum is 1000 characters)' })
  description!: string;

  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: "can't be blank" })
  @MaxLength(100_000, { message: 'is too long (maximum is 100000 characters)' })
  body!: string;

  @IsOptional()
  @IsArray({ message: 'must be an array of strings' })
  @ArrayMaxSize(20, { message: 'has too many tags (maximum is 20)' })
  @IsString({ each: true, message: 'must be an array of strings' })
  @IsNotEmpty({ each: true, message: "can't hold a blank tag" })
  @MaxLength(64, { each: true, message: 'has a tag that is too long (maximum is 64 characters)' })
  tagList?: string[];
}

export class CreateArticleDto {
  @IsDefined({ message: "can't be blank" })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => NewArticleDto)
  article!: NewArticleDto;
}
