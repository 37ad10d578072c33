import { LIVE_MIGRATIONS } from '@conduit/live-server';
import { CreateRealWorldSchema1764100000001 } from './1764100000001-create-realworld-schema';
import { AddUserTokenVersion1764300000001 } from './1764300000001-add-user-token-version';
import { CreateAppSecret1764300000002 } from './1764300000002-create-app-secret';
import { AddUsernameKey1764400000001 } from './1764400000001-add-username-key';
import { CreateIdempotencyKey1764500000000 } from './1764500000000-create-idempotency-key';
import { AddUserShowAsReading1764500000001 } from './1764500000001-add-user-show-as-reading';
import { AddUserKeptSession1764600000001 } from './1764600000001-add-user-kept-session';

/** Every migration, oldest first; run on start-up by both stores. */
export const migrations = [
  ...LIVE_MIGRATIONS,
  CreateRealWorldSchema1764100000001,
  AddUserTokenVersion1764300000001,
  CreateAppSecret1764300000002,
  AddUsernameKey1764400000001,
  CreateIdempotencyKey1764500000000,
  AddUserShowAsReading1764500000001,
  AddUserKeptSession1764600000001,
];
