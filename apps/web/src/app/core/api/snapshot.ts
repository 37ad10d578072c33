import type { HttpResponse } from '@angular/common/http';
import { STREAM_CURSOR_HEADER, isCursor, type Cursor } from '@conduit/contract';

/** The stream position a REST snapshot was read at (PROTOCOL.md, "Cursors"), when the answer has one. */
export function cursorOf(response: HttpResponse<unknown>): Cursor | undefined {
  const cursor = response.headers.get(STREAM_CURSOR_HEADER);
  return isCursor(cursor) ? cursor : undefined;
}
