import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A secret the app generated for itself, shared through the store by every instance (auth/jwt-secret.ts). */
@Entity('app_secret')
export class AppSecretEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  value!: string;
}
