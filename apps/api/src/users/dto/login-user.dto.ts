import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';

export class LoginCredentialsDto {
  @ApiProperty({ format: 'email', example: 'jake@jake.jake' })
  @MaxLength(255, { message: 'is too long (maximum is 255 characters)' })
  @IsNotEmpty({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  email!: string;

  @ApiProperty({ format: 'password', example: 'jakejake' })
  @MaxLength(256, { message: 'is too long (maximum is 256 characters)' })
  @IsNotEmpty({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  password!: string;
}

export class LoginUserDto {
  @ApiProperty({ type: () => LoginCredentialsDto })
  @ValidateNested()
  @Type(() => LoginCredentialsDto)
  @IsObject({ message: 'must be an object' })
  @IsDefined({ message: "can't be blank" })
  user!: LoginCredentialsDto;
}
