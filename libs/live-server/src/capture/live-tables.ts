import { CreateStreamChange1764100000000 } from './migrations/1764100000000-create-stream-change';
import { StreamChangeEntity } from './stream-change.entity';
import { StreamFloorEntity } from './stream-floor.entity';

/** The tables the live library keeps in the app's database: the app's DataSource lists them among its entities. */
export const LIVE_TABLES = [StreamChangeEntity, StreamFloorEntity];

/** The migrations that create those tables, oldest first, to run before the app's own. */
export const LIVE_MIGRATIONS = [CreateStreamChange1764100000000];
