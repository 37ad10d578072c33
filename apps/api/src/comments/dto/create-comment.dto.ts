import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export const MAX_COMMENT_LENGTH = 10_000;

// class-validator runs a property's decorators bottom-up and the pipe stops at the first failure
// (see articles/dto/create-article.dto.ts): the type check is at the bottom.

export class NewCommentDto {
  @ApiProperty({ maxLength: 10_000, example: 'Thank you so much!' })
  @MaxLength(MAX_COMMENT_LENGTH, { message: `is too long (maximum is ${MAX_COMMENT_LENGTH} characters)` })
  // Blank means empty or only whitespace, as RealWorld's reference back end (Rails `presence`) has it.
  @Matches(/\S/, { message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  body!: string;
}

export class CreateCommentDto {
  @ApiProperty({ type: () => NewCommentDto })
  @ValidateNested()
  @Type(() => NewCommentDto)
  @IsObject({ message: 'must be an object' })
  @IsDefined({ message: "can't be blank" })
  comment!: NewCommentDto;
}
