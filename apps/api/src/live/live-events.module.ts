import { Module } from '@nestjs/common';
import { LiveEventsController } from './live-events.controller';

/** `GET /api/live`: the server-sent event fallback of the `/ws` stream (LiveModule serves both). */
@Module({ controllers: [LiveEventsController] })
export class LiveEventsModule {}
