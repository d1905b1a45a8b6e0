/*
 * Started by Canon's express-routes generator from user 0.0.0. This file is yours: fill in each method; canon generate never overwrites it.
 */
import type { UsersService } from '../routes.js';

/** The users resource. */
export const usersService: UsersService = {
  async get(_params, _context) {
    throw new Error('GET /users is not implemented yet');
  },

  async getById(_params, _context) {
    throw new Error('GET /users/:id is not implemented yet');
  },

  async post(_params, _body, _context) {
    throw new Error('POST /users is not implemented yet');
  },

  async putById(_params, _body, _context) {
    throw new Error('PUT /users/:id is not implemented yet');
  },

  async deleteById(_params, _context) {
    throw new Error('DELETE /users/:id is not implemented yet');
  },
};
