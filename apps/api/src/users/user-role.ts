import type { EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * Admins (beyond RealWorld) may delete any article or comment. The role is read at the moment of
 * the write, in its transaction, not taken from the token: a demotion takes effect at once.
 */
export async function isAdmin(manager: EntityManager, userId: number): Promise<boolean> {
  const user = await manager.findOne(UserEntity, { where: { id: userId }, select: { id: true, role: true } });
  return user?.role === 'admin';
}
