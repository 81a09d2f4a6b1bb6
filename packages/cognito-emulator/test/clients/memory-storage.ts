import type { KeyValueStorageInterface } from 'aws-amplify/utils';

/**
 * Amplify's token store in Node (there is no `localStorage`), kept by the test so that it can read
 * what Amplify never returns: the refresh token.
 */
export class MemoryKeyValueStorage implements KeyValueStorageInterface {
  private readonly items = new Map<string, string>();

  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
  }

  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null;
  }

  async removeItem(key: string): Promise<void> {
    this.items.delete(key);
  }

  async clear(): Promise<void> {
    this.items.clear();
  }

  /** The stored value under the key that ends with `suffix` (e.g. `.refreshToken`), if any. */
  endingWith(suffix: string): string | undefined {
    for (const [key, value] of this.items) if (key.endsWith(suffix)) return value;
    return undefined;
  }
}
