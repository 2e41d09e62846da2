/** How much of the server one socket, one person and one network address may hold (zod-free; config.ts reads them). */
export interface RealtimeLimits {
  /** Open sockets per person, across all their sessions; 0 means no cap. */
  maxSocketsPerUser: number;
  /** Open sockets per client address (`request.ip`, so behind a proxy set TRUST_PROXY); 0 means no cap. */
  maxSocketsPerAddress: number;
  /** A socket whose unsent bytes would pass this is closed: its reader fell behind, and resumes from its cursor. */
  maxBufferedBytes: number;
  /**
   * How long a socket closed for reading too slowly may take to read what it holds and the close (4008) before it is
   * cut off: a client that reads again within this sees 4008; one that never does is terminated (1006).
   */
  slowCloseGraceMs?: number;
}

export const defaultRealtimeLimits: RealtimeLimits = {
  maxSocketsPerUser: 20,
  maxSocketsPerAddress: 200,
  maxBufferedBytes: 1024 * 1024,
  slowCloseGraceMs: 5000,
};
