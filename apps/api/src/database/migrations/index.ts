import { CreateStreamChange1764100000000 } from '@conduit/live-server';
import { CreateRealWorldSchema1764100000001 } from './1764100000001-create-realworld-schema';

/** Every migration, oldest first; run on start-up by both stores. */
export const migrations = [CreateStreamChange1764100000000, CreateRealWorldSchema1764100000001];
