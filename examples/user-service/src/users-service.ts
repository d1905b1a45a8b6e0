import type { UsersService } from './generated/routes.js';
import type { User } from './generated/types.js';
import { isUniqueViolation, type UserRow, type UserStore } from './user-store.js';

/** A stored row as the API's `user` (the audit columns stay in the database). */
function toUser({ created_at: _created, updated_at: _updated, ...user }: UserRow): User {
  return user;
}

const emailTaken = [{ code: 'email-taken', path: '/body/email', message: 'Another user has this email.' }];

/** The hand-written part of the service: each operation in a few lines over the generated DAO. */
export function usersService(store: UserStore): UsersService {
  return {
    async get({ status, limit, offset }) {
      const rows = await store.findAll({ ...(status ? { status } : {}), limit, offset, orderBy: '-created_at' });
      return { status: 200, body: rows.map(toUser) };
    },
    async getById({ id }) {
      const row = await store.findById(id);
      return row ? { status: 200, body: toUser(row) } : { status: 404 };
    },
    async post(_params, form) {
      try {
        return { status: 201, body: toUser(await store.insert(form)) };
      } catch (error) {
        if (isUniqueViolation(error)) return { status: 422, body: emailTaken };
        throw error;
      }
    },
    async putById({ id }, form) {
      try {
        const row = await store.update(id, form);
        return row ? { status: 200, body: toUser(row) } : { status: 404 };
      } catch (error) {
        if (isUniqueViolation(error)) return { status: 422, body: emailTaken };
        throw error;
      }
    },
    async deleteById({ id }) {
      return (await store.delete(id)) ? { status: 204 } : { status: 404 };
    },
  };
}
