import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The newest cursor that retention has removed (one row). A subscriber from an older cursor has
 * missed changes and gets `reset`; ids have gaps (a rolled-back or cut-off commit still uses one up),
 * so this cannot be derived from the oldest row left.
 */
@Entity('stream_floor')
export class StreamFloorEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'bigint' })
  cursor!: string | number;
}
