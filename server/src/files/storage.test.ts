import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiskStorage, newFileKey } from './storage.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'spejl-storage-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('file storage on disk', () => {
  it('makes random 40-character keys', () => {
    const keys = new Set(Array.from({ length: 1000 }, newFileKey));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(/^[a-z2-7]{40}$/);
  });

  it('puts, gets and deletes by key, with no half-written file left behind', async () => {
    const storage = createDiskStorage(root);
    const key = newFileKey();
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, Buffer.from('hej'));
    expect((await storage.get(key))?.toString()).toBe('hej');
    expect(await readdir(path.join(root, key.slice(0, 2)))).toEqual([key]);
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
  });

  it('refuses anything but its own keys, so no path can be made from a name', async () => {
    const storage = createDiskStorage(root);
    for (const key of ['../../etc/passwd', 'IMG_0001.jpg', '', 'a'.repeat(40).toUpperCase()])
      await expect(storage.get(key)).rejects.toThrow(/not a file key/);
  });
});
