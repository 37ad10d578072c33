import type { LiveUser } from '@conduit/live-server';
import type { TokenCheck } from './auth-token.service';

/** The socket's `auth` frame accepts exactly the tokens REST accepts. */
export function socketUser(check: TokenCheck): LiveUser | null {
  return check.ok ? { id: String(check.user.id), username: check.user.username, showAsReading: check.user.showAsReading } : null;
}
