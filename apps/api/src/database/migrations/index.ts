import { CreateStreamChange1764100000000 } from '@conduit/live-server';
import { CreateArticles1764100000001 } from './1764100000001-create-articles';

/** Every migration, oldest first; run on start-up by both stores. */
export const migrations = [CreateStreamChange1764100000000, CreateArticles1764100000001];
