import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../../persistence/src/unique-violation';
import { AccessError } from '../domain/access.errors';
import { UserEntity } from '../infrastructure/user.entity';

/** Inserts a user, turning the unique-email violation into a CONFLICT instead of a 500. */
export async function insertUniqueUser(manager: EntityManager, user: UserEntity): Promise<void> {
  // The usual case answered without a failed statement; the constraint still settles races.
  if (await manager.exists(UserEntity, { where: { email: user.email } })) {
    throw new AccessError('CONFLICT', 'a user with this email already exists');
  }
  try {
    // A savepoint keeps the outer transaction usable when the insert fails.
    await manager.transaction((inner) => inner.insert(UserEntity, user));
  } catch (error) {
    if (isUniqueViolation(error, 'uq_users_email')) {
      throw new AccessError('CONFLICT', 'a user with this email already exists');
    }
    throw error;
  }
}
