import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { Response } from 'express';
import { ChangeBusHealthIndicator } from './change-bus.health';

const DATABASE_TIMEOUT_MS = 2000;

/** Probes for orchestrators: `live` says the process serves, `ready` that its store (and bus) answer. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly bus: ChangeBusHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is checked)' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers, and Redis when configured; 503 otherwise' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database').withTimeout(DATABASE_TIMEOUT_MS)];
    if (this.bus.applies) checks.push(() => this.bus.check());
    try {
      return await this.health.check(checks);
    } catch (error) {
      // Terminus's 503 carries the per-check details; answer them as they are, not as a RealWorld error.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
