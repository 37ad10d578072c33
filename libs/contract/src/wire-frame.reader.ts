import * as v from 'valibot';
import type { FrameDataSchemas, FrameOf } from './wire-frames';
import { wireObject } from './wire-object.schema';

/**
 * Every frame, before its event picks the schema of its data. `data` may be missing here so that a frame
 * without it is answered about its data, naming its event.
 */
const FRAME = wireObject({ event: v.string('frame.event must be a string'), data: v.optional(v.unknown()) }, 'frame must be a JSON object {"event", "data"}');

const MAX_EVENT_ECHO = 64;

export type FrameReading<Frame> = { ok: true; frame: Frame } | { ok: false; message: string; event?: string };

// The first problem is the answer, so the rest need not be looked for.
const FIRST_ISSUE = { abortEarly: true } as const;

/** Reads one text frame against the data schemas of one side; never throws. */
export function readFrame<Schemas extends FrameDataSchemas>(text: string, schemas: Schemas): FrameReading<FrameOf<Schemas>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'frame is not valid JSON' };
  }
  const frame = v.safeParse(FRAME, json, FIRST_ISSUE);
  if (!frame.success) return { ok: false, message: frame.issues[0].message };
  const { event } = frame.output;
  if (!Object.hasOwn(schemas, event)) {
    const echoed = event.slice(0, MAX_EVENT_ECHO);
    return { ok: false, message: `unknown event "${echoed}"`, event: echoed };
  }
  const data = v.safeParse(schemas[event], frame.output.data, FIRST_ISSUE);
  if (!data.success) return { ok: false, message: data.issues[0].message, event };
  return { ok: true, frame: { event, data: data.output } as FrameOf<Schemas> };
}
