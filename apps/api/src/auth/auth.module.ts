import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSecretKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { UserEntity } from '../users/user.entity';
import { AuthTokenService } from './auth-token.service';
import { AuthGuard } from './auth.guard';
import { resolveJwtSecret } from './jwt-secret';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      // The DataSource is injected once migrated: the generated secret lives in a table.
      inject: [APP_CONFIG, DataSource],
      useFactory: async (config: AppConfig, dataSource: DataSource) => ({
        // A KeyObject, made once: given a string, jsonwebtoken tries to parse it as a public key on
        // every verify (and fails), which cost a tenth of a write request's CPU.
        secret: createSecretKey(Buffer.from(await resolveJwtSecret(config, dataSource))),
        signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AuthTokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthTokenService],
})
export class AuthModule {}
