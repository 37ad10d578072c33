import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Profile } from '@conduit/contract';
import type { AuthUser } from '../auth/auth-token.service';
import { AuthRequired } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { ProfilesService } from './profiles.service';

@ApiTags('profiles')
@ApiSecurity('token')
@Controller('profiles/:username')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  async profile(@Param('username') username: string, @CurrentUser() reader?: AuthUser): Promise<{ profile: Profile }> {
    return { profile: await this.profiles.profile(username, reader?.id) };
  }

  @Post('follow')
  @HttpCode(200)
  @AuthRequired()
  async follow(@Param('username') username: string, @CurrentUser() reader: AuthUser): Promise<{ profile: Profile }> {
    return { profile: await this.profiles.follow(reader.id, username) };
  }

  @Delete('follow')
  @AuthRequired()
  async unfollow(@Param('username') username: string, @CurrentUser() reader: AuthUser): Promise<{ profile: Profile }> {
    return { profile: await this.profiles.unfollow(reader.id, username) };
  }
}
