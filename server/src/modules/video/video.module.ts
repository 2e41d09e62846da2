import type { RoomStatus, VideoAdapterKind } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import type { IceConfig } from '../../config.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { RoomDirectory } from '../webinars/webinars.gateway.ts';
import { createVideoGateway } from './video.gateway.ts';
import { createJanusAdapter } from './video.janus.ts';
import { JanusClient } from './video.janus.client.ts';
import { createP2pAdapter } from './video.p2p.ts';

/** How video is set up (from the configuration: VIDEO, JANUS_URL, JANUS_SECRET, STUN/TURN, the p2p limit). */
export interface VideoOptions {
  adapter: VideoAdapterKind;
  janusUrl?: string | undefined;
  janusSecret?: string | undefined;
  ice: IceConfig;
  p2pMaxViewers: number;
}

export const defaultVideoOptions: VideoOptions = {
  adapter: 'p2p',
  ice: { stunUrls: [], turnUrls: [], turnSecret: undefined, turnTtlSeconds: 3600 },
  p2pMaxViewers: 8,
};

/** Builds the video signalling module with the adapter the configuration names. */
export function createVideoModule(deps: {
  options: VideoOptions | undefined;
  bus: Bus;
  clock: Clock;
  limiter: RateLimiter;
  logger: FastifyBaseLogger;
  rooms: RoomDirectory;
  callAccess: (actor: Actor, matchId: string) => Promise<void>;
  callStarted?: (actor: Actor, matchId: string) => Promise<void>;
  /** A room's status, null once its event is gone or cancelled (the SFU's rooms are swept by it). */
  stageStatus: (webinarId: string) => Promise<RoomStatus | null>;
}) {
  const options = deps.options ?? defaultVideoOptions;
  const gateway = createVideoGateway({
    bus: deps.bus,
    clock: deps.clock,
    limiter: deps.limiter,
    logger: deps.logger,
    ice: options.ice,
    rooms: deps.rooms,
    callAccess: deps.callAccess,
    ...(deps.callStarted ? { callStarted: deps.callStarted } : {}),
    roomAdapter: (host) => {
      if (options.adapter === 'p2p') return createP2pAdapter(host, options.p2pMaxViewers);
      if (!options.janusUrl) throw new Error('VIDEO=janus needs JANUS_URL');
      const client = new JanusClient({
        url: options.janusUrl,
        secret: options.janusSecret,
        logger: deps.logger,
      });
      return createJanusAdapter(host, {
        client,
        secret: options.janusSecret,
        logger: deps.logger,
        stageStatus: deps.stageStatus,
      });
    },
  });
  return { gateway };
}
