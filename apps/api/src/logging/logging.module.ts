import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../config/app-config';
import type { LogLevelName } from '../config/config-schema';
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

/** Express's `req.ip`: the client's address as TRUST_PROXY allows X-Forwarded-For to tell it, else the peer's. */
function clientAddress(req: pino.SerializedRequest): string | undefined {
  return (req.raw as { ip?: string }).ip ?? req.remoteAddress;
}

/**
 * pino-pretty in this thread, not as a worker transport: a worker whose terminal or pipe has gone
 * stops reading, and pino's exit hook then waits 10 s for it and throws, which turned a clean SIGTERM
 * into exit code 1. Its destination (sonic-boom on fd 1) stops writing at the first EPIPE.
 */
function prettyStream(): pino.DestinationStream {
  const build = require('pino-pretty') as typeof import('pino-pretty');
  return build({ singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}

/**
 * nestjs-pino: every Nest log line and one line per HTTP request, with the request id (also sent
 * back as `X-Request-Id`), as JSON. No headers but the user agent, so no token or cookie; probes and
 * scrapes (on their own listener) are not logged. JSON goes to fd 1 through pino's own destination, which also stops writing at the first EPIPE.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, level: LogLevelName): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level,
              genReqId: requestId,
              // What helps to follow a request, not every header: the response headers are the same security
              // headers each time (the CSP alone is ~400 bytes), and request headers carry tokens and cookies.
              serializers: {
                req: (req: pino.SerializedRequest) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: clientAddress(req), userAgent: req.headers['user-agent'] }),
                res: (res: pino.SerializedResponse) => ({ statusCode: res.statusCode }),
              },
              customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
              autoLogging: { ignore: (req) => req.url?.startsWith('/api/health/') ?? false },
            },
            usesPrettyLogs(config) ? prettyStream() : pino.destination({ fd: 1 }),
          ],
        }),
      ],
    };
  }
}
