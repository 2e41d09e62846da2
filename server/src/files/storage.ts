import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files' bytes live, by key. On disk by default; an S3-compatible store can come later behind the same
 * three calls. Keys are random (`newFileKey`), so no name a person chose ever reaches the disk.
 */
export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes; removing what is not there is no error. */
  delete(key: string): Promise<void>;
}

const keyPattern = /^[a-z0-9]{40}$/;

/** A new key: 25 random bytes, 40 characters in [a-z0-9] (base32 without padding), unguessable. */
export function newFileKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(25);
  let bits = 0;
  let value = 0;
  let key = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      key += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return key;
}

/** Files under one folder (SPEJL_DATA_DIR/files), spread over subfolders by the key's first two characters. */
export function createDiskStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    // The key never comes from a request, but a path is only ever made from a key of our own form.
    if (!keyPattern.test(key)) throw new Error('not a file key');
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    async put(key, bytes) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Written aside, then renamed: a reader never sees half a file, and a crash leaves no file under the key.
      const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, target);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
