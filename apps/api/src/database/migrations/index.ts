import { CreateArticlesAndChangeStream1764100000000 } from './1764100000000-create-articles-and-change-stream';

/** Every migration, oldest first; run on start-up by both stores. */
export const migrations = [CreateArticlesAndChangeStream1764100000000];
