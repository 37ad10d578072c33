import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEmail, IsNotEmpty, IsObject, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@conduit/contract';
import { IsUsername, USERNAME_MAX_LENGTH } from '../username';

// Checks run bottom-up and stop at the first failure (see create-article.dto.ts). A key that is
// present must be valid: `null` is refused for username, email and password (RealWorld suite), and
// accepted for bio and image, which, like "", clear the field.

const present = (_: object, value: unknown) => value !== undefined;
const filled = (_: object, value: unknown) => value !== undefined && value !== null && value !== '';

export class UserChangesDto {
  @ApiPropertyOptional({ maxLength: USERNAME_MAX_LENGTH })
  @IsUsername()
  @IsNotEmpty({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  @ValidateIf(present)
  username?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsEmail({}, { message: 'is invalid' })
  @MaxLength(255, { message: 'is too long (maximum is 255 characters)' })
  @IsNotEmpty({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  @ValidateIf(present)
  email?: string;

  @ApiPropertyOptional({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `is too long (maximum is ${PASSWORD_MAX_LENGTH} characters)` })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `is too short (minimum is ${PASSWORD_MIN_LENGTH} characters)` })
  @IsNotEmpty({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  @ValidateIf(present)
  password?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10_000 })
  @MaxLength(10_000, { message: 'is too long (maximum is 10000 characters)' })
  @IsString({ message: 'must be a string' })
  @ValidateIf(filled)
  @IsOptional()
  bio?: string | null;

  // https only: the pages' CSP (security/http-security.ts) loads images over https alone, so an http:// avatar
  // would be accepted here and then blocked on every page. Any host, localhost included, for self-hosting.
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uri', pattern: '^https://' })
  @MaxLength(2048, { message: 'is too long (maximum is 2048 characters)' })
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false, disallow_auth: true }, { message: 'must be an https URL' })
  @IsString({ message: 'must be a string' })
  @ValidateIf(filled)
  @IsOptional()
  image?: string | null;

  @ApiPropertyOptional({ description: 'Presence names this user among the readers of an article (default true)' })
  @IsBoolean({ message: 'must be true or false' })
  @ValidateIf(present)
  showAsReading?: boolean;
}

export class UpdateUserDto {
  @ApiProperty({ type: () => UserChangesDto })
  @ValidateNested()
  @Type(() => UserChangesDto)
  @IsObject({ message: 'must be an object' })
  @IsDefined({ message: "can't be blank" })
  user!: UserChangesDto;
}
