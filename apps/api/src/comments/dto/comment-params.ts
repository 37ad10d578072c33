import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/**
 * The path of one comment. `id` stays a string here: typed as a number, the global ValidationPipe
 * would convert it with `Number()`, which takes "1e3", "0x10" and " 1" for integers. Decimal digits
 * only, else 422; a well-formed id too large for the column is the service's 404, after the
 * article check, like any other id that names no comment.
 */
export class CommentParams {
  @ApiProperty()
  @IsString()
  slug!: string;

  @ApiProperty({ pattern: '^[0-9]{1,30}$' })
  @Matches(/^[0-9]{1,30}$/, { message: 'must be an integer' })
  @IsString({ message: 'must be an integer' })
  id!: string;
}
