import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsNotEmpty, IsObject, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@conduit/contract';
import { IsUsername, USERNAME_MAX_LENGTH } from '../username';

// Checks run bottom-up and stop at the first failure (see create-article.dto.ts).

export class NewUserDto {
  @ApiProperty({ maxLength: USERNAME_MAX_LENGTH, example: 'Jacob' })
  @IsUsername()
  @IsNotEmpty({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  username!: string;

  @ApiProperty({ format: 'email', example: 'jake@jake.jake' })
  @IsEmail({}, { message: 'is invalid' })
  @MaxLength(255, { message: 'is too long (maximum is 255 characters)' })
  @IsNotEmpty({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  email!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, example: 'jakejake' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `is too long (maximum is ${PASSWORD_MAX_LENGTH} characters)` })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `is too short (minimum is ${PASSWORD_MIN_LENGTH} characters)` })
  @IsNotEmpty({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  password!: string;
}

export class RegisterUserDto {
  @ApiProperty({ type: () => NewUserDto })
  @ValidateNested()
  @Type(() => NewUserDto)
  @IsObject({ message: 'must be an object' })
  @IsDefined({ message: "can't be blank" })
  user!: NewUserDto;
}
