import { BadRequestException, Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LiveEventStreams } from '@conduit/live-server';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { queryStrings } from './query-strings';

function single(field: string, value: unknown): string | undefined {
  const values = queryStrings(value);
  if (values === null || values.length > 1) throw new BadRequestException({ errors: { [field]: ['must be given at most once, as a string'] } });
  return values[0];
}

@ApiTags('live')
@ApiSecurity('token')
@Controller('live')
export class LiveEventsController {
  constructor(private readonly streams: LiveEventStreams) {}

  @Get()
  @ApiOperation({ summary: 'The live stream as server-sent events, for clients whose WebSocket is blocked (PROTOCOL.md)' })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'topic', isArray: true, type: String, description: 'articles, articles/<slug>/comments, feed (signed in); repeatable' })
  @ApiQuery({ name: 'cursor', required: false, description: 'resume after this cursor' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this cursor (wins over cursor)' })
  @ApiResponse({ status: 200, description: '`change` events (id: their cursor), `reset` events, comment heartbeats' })
  async stream(
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
    @Query('topic') topic: unknown,
    @Query('cursor') cursor: unknown,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Promise<void> {
    const topics = queryStrings(topic);
    if (topics === null) throw new BadRequestException({ errors: { topic: ['must be strings'] } });
    await this.streams.serve(request, response, { topics, cursor: lastEventId ?? single('cursor', cursor), token: request.authToken });
  }
}
