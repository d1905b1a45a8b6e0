import { type Client, ResponseError } from './generated/client.js';

/**
 * A consumer of the user service, as another team would write it: it only knows the generated
 * `Client` interface, so tests hand it the generated mock client and production the real one.
 */
export class UserDirectory {
  constructor(private readonly client: Client) {}

  /** The display name of a user: their name, else their email; undefined when there is no such user. */
  async displayName(id: string): Promise<string | undefined> {
    try {
      const user = await this.client.users.getById({ id });
      return user.name ?? user.email;
    } catch (error) {
      if (error instanceof ResponseError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Registers a user, or reports that the email is taken. */
  async register(email: string, name?: string): Promise<{ id: string } | { problem: string }> {
    try {
      const user = await this.client.users.post({ email, status: 'active', ...(name === undefined ? {} : { name }) });
      return { id: user.id };
    } catch (error) {
      if (error instanceof ResponseError && error.status === 422) {
        return { problem: (error.body as { message: string }[]).map((e) => e.message).join('; ') };
      }
      throw error;
    }
  }
}
