import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountChangeSubscriber } from './account-change.subscriber';
import { AccountSockets } from './account-sockets';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersController],
  providers: [UsersService, AccountChangeSubscriber, AccountSockets],
  exports: [UsersService],
})
export class UsersModule {}
