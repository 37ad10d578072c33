import { Body, Controller, Delete, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { AuthEndpoint } from '../security/rate-limits';
import { LoginUserDto } from '../users/dto/login-user.dto';
import { RegisterUserDto } from '../users/dto/register-user.dto';
import { UsersService } from '../users/users.service';
import { SameOriginGuard } from './same-origin.guard';
import { clearSessionCookie, startSession, type SessionAccount } from './session-cookie';

/**
 * The browser app's sign-in, sign-up and sign-out: the same checks as `/users/login` and `/users`, but
 * the token goes into an http-only cookie instead of the body. Separate routes rather than a variant
 * of the RealWorld ones, so that those stay exactly as the spec says for token clients.
 */
@ApiTags('session')
@Controller('session')
@UseGuards(SameOriginGuard)
export class SessionController {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @AuthEndpoint()
  async signIn(@Body() body: LoginUserDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ user: SessionAccount }> {
    return { user: startSession(req, res, await this.users.login(body.user), this.config.jwtTtlSeconds) };
  }

  @Post('registration')
  @HttpCode(201)
  @AuthEndpoint()
  async signUp(@Body() body: RegisterUserDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ user: SessionAccount }> {
    return { user: startSession(req, res, await this.users.register(body.user), this.config.jwtTtlSeconds) };
  }

  @Delete()
  @HttpCode(204)
  signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    clearSessionCookie(req, res);
  }
}
