import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export class FolderLockedError extends Error {
  readonly pid: number;
  constructor(folder: string, pid: number) {
    super(
      `The data folder ${folder} is in use by another Spejl process (pid ${pid}). Stop it first, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.pid = pid;
  }
}

export interface FolderLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a data folder with a pid file. PGlite allows one process at a time; a lock
 * left by a crashed process (its pid no longer alive) is taken over rather than left stuck.
 */
export function acquireFolderLock(folder: string): FolderLock {
  const file = path.join(folder, 'spejl.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid))
        throw new FolderLockedError(folder, pid);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${folder}`);
}
