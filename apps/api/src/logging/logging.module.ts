import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import type { LogLevelName } from '../config/environment';
import { requestId } from './request-id';

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false; // a production install leaves out devDependencies
  }
}

/** Pretty for a person at a terminal outside production; JSON lines for everything else. */
export function usesPrettyLogs(config: Pick<AppConfig, 'logFormat' | 'nodeEnv'>, isTty = Boolean(process.stdout.isTTY)): boolean {
  if (config.logFormat === 'json') return false;
  if (config.logFormat === 'pretty') return prettyAvailable();
  return config.nodeEnv !== 'production' && isTty && prettyAvailable();
}

/**
 * nestjs-pino: every Nest log line and one line per HTTP request, with the request id (also sent
 * back as `X-Request-Id`), as JSON. Tokens and cookies are redacted; probes and scrapes are not logged.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, level: LogLevelName): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            genReqId: requestId,
            transport: usesPrettyLogs(config) ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } : undefined,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["sec-websocket-key"]'],
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            autoLogging: { ignore: (req) => req.url === '/metrics' || (req.url?.startsWith('/api/health/') ?? false) },
          },
        }),
      ],
    };
  }
}
