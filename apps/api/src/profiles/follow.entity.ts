import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { epochMillis } from '../common/persistence/epoch-millis.transformer';
import { UserEntity } from '../users/user.entity';

/** `follower` follows `following`. */
@Entity('follow')
@Index('IDX_follow_following', ['followingId'])
export class FollowEntity {
  @PrimaryColumn({ type: 'integer' })
  followerId!: number;

  @PrimaryColumn({ type: 'integer' })
  followingId!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'followerId' })
  follower?: UserEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'followingId' })
  following?: UserEntity;

  @Column({ type: 'bigint', transformer: epochMillis })
  createdAt!: Date;
}
