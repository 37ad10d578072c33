import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { FollowChangeSubscriber } from './follow-change.subscriber';
import { FollowEntity } from './follow.entity';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

@Module({
  imports: [TypeOrmModule.forFeature([FollowEntity]), UsersModule],
  controllers: [ProfilesController],
  providers: [ProfilesService, FollowChangeSubscriber],
  exports: [ProfilesService],
})
export class ProfilesModule {}
