import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Post, Put, UseInterceptors } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-token.service';
import { AuthRequired } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { AuthEndpoint } from '../security/rate-limits';
import { SessionAccountInterceptor } from '../session/session-account.interceptor';
import { LoginUserDto } from './dto/login-user.dto';
import { RegisterUserDto } from './dto/register-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UsersService, type AccountView } from './users.service';

@ApiTags('users')
@ApiSecurity('token')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('users')
  @HttpCode(201)
  @AuthEndpoint()
  async register(@Body() body: RegisterUserDto): Promise<{ user: AccountView }> {
    return { user: await this.users.register(body.user) };
  }

  @Post('users/login')
  @HttpCode(200)
  @AuthEndpoint()
  async login(@Body() body: LoginUserDto): Promise<{ user: AccountView }> {
    return { user: await this.users.login(body.user) };
  }

  @Get('user')
  @AuthRequired()
  @UseInterceptors(SessionAccountInterceptor)
  async current(@CurrentUser() reader: AuthUser): Promise<{ user: AccountView }> {
    return { user: await this.users.current(reader.id, reader.sessionId) };
  }

  @Put('user')
  @AuthRequired()
  @UseInterceptors(SessionAccountInterceptor)
  async update(@CurrentUser() reader: AuthUser, @Body() body: UpdateUserDto): Promise<{ user: AccountView }> {
    return { user: await this.users.update(reader.id, body.user, reader.sessionId) };
  }
}
