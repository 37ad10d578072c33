import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChangeBusHealthIndicator } from './change-bus.health';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [ChangeBusHealthIndicator],
})
export class HealthModule {}
