import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, type EntitySubscriberInterface, type InsertEvent } from 'typeorm';
import type { CommittedChange } from '../stream/committed-change';
import { ChangeOutbox } from './change-outbox.subscriber';
import { InProcessChangeBus } from '../stream/in-process-change-bus';
import { CreateStreamChange1764100000000 } from './migrations/1764100000000-create-stream-change';
import { StreamChangeEntity } from './stream-change.entity';

@Entity('note')
class Note {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar' })
  text!: string;
}

/** Stands in for a feature's subscriber: records every Note insert on the `notes` topic. */
class NoteSubscriber implements EntitySubscriberInterface<Note> {
  /** What the bus had published at the moment each insert was recorded (i.e. before commit). */
  readonly publishedAtInsert: number[] = [];

  constructor(
    private readonly outbox: ChangeOutbox,
    private readonly published: CommittedChange[],
  ) {}

  listenTo() {
    return Note;
  }

  async afterInsert(event: InsertEvent<Note>): Promise<void> {
    await this.outbox.record(event, { topic: 'notes', type: 'created', entity: 'article', key: event.entity.text, data: { text: event.entity.text } });
    this.publishedAtInsert.push(this.published.length);
  }
}

describe('ChangeOutbox', () => {
  let dataSource: DataSource;
  let published: CommittedChange[];
  let notes: NoteSubscriber;

  beforeEach(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [Note, StreamChangeEntity],
      migrations: [CreateStreamChange1764100000000],
      migrationsRun: true,
    });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE note (id INTEGER PRIMARY KEY AUTOINCREMENT, text VARCHAR NOT NULL)');
    const bus = new InProcessChangeBus();
    published = [];
    bus.changes$.subscribe((change) => published.push(change));
    const outbox = new ChangeOutbox(dataSource, bus, { commitOrderLock: true, haltBeforePublish: null });
    notes = new NoteSubscriber(outbox, published);
    dataSource.subscribers.push(notes);
  });
  afterEach(() => dataSource.destroy());

  const storedKeys = async () => (await dataSource.getRepository(StreamChangeEntity).find({ order: { id: 'ASC' } })).map((row) => row.key);

  it('publishes a change only after its transaction commits', async () => {
    await dataSource.getRepository(Note).save({ text: 'first' });
    expect(notes.publishedAtInsert).toEqual([0]);
    expect(published).toHaveLength(1);
    expect(published[0]).toEqual({ topic: 'notes', cursor: published[0].cursor, type: 'created', entity: 'article', key: 'first', audience: null, payload: '{"text":"first"}' });
    expect(await storedKeys()).toEqual(['first']);
  });

  it('publishes the changes of one transaction together, in cursor order, at commit', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.save(Note, { text: 'a' });
      await manager.save(Note, { text: 'b' });
      expect(published).toHaveLength(0);
    });
    expect(published.map((change) => change.key)).toEqual(['a', 'b']);
    expect(BigInt(published[1].cursor)).toBeGreaterThan(BigInt(published[0].cursor));
  });

  it('publishes and stores nothing for a rolled-back transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.save(Note, { text: 'doomed' });
        throw new Error('roll it back');
      }),
    ).rejects.toThrow('roll it back');
    expect(published).toEqual([]);
    expect(await storedKeys()).toEqual([]);
  });

  it('drops only the changes of a rolled-back savepoint', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.manager.save(Note, { text: 'kept' });
    await runner.startTransaction();
    await runner.manager.save(Note, { text: 'undone' });
    await runner.rollbackTransaction();
    await runner.startTransaction();
    await runner.manager.save(Note, { text: 'released' });
    await runner.commitTransaction();
    expect(published).toEqual([]);
    await runner.commitTransaction();
    await runner.release();

    expect(published.map((change) => change.key)).toEqual(['kept', 'released']);
    expect(await storedKeys()).toEqual(['kept', 'released']);
  });
});
