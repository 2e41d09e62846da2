import type { ServerFrame } from '@spejl/shared';
import { backoff, isPassingRefusal } from '../realtime/reconnect.ts';
import { realtime } from '../realtime/socket.svelte.ts';
import { RtcSession } from './rtc-session.svelte.ts';

/**
 * A mentorship's video call over the tab's WebSocket (`realtime`): it follows who is in the call (`call.watch`)
 * while the conversation is open, and carries the call's signalling once the person joins. A dropped connection ends
 * the call on this side (the person joins again).
 */
export class CallConnection {
  inCall = $state<Array<{ userId: string; displayName: string }>>([]);
  readonly session: RtcSession;
  private stops: Array<() => void> = [];
  private readonly matchId: string;
  private stopped = true;
  private retries = 0;

  constructor(matchId: string) {
    this.matchId = matchId;
    this.session = new RtcSession({ kind: 'call', id: matchId }, (frame) => realtime.send(frame));
    this.session.autoPublish = true;
  }

  /** A cap on open connections refused the tab's connection (too many for this person, or this address). */
  get limitReason(): 'user' | 'address' | null {
    return realtime.state === 'limited' ? realtime.limitReason : null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stops.push(realtime.onFrame((frame) => this.receive(frame)));
    // A dropped connection ends the call on this side (the person joins again); watching resumes by itself.
    this.stops.push(realtime.onClose(() => this.session.reset()));
    this.stops.push(
      realtime.onOpen(() => {
        this.retries = 0;
        realtime.send({ type: 'call.watch', matchId: this.matchId });
      }),
    );
    realtime.start();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.session.destroy();
    realtime.send({ type: 'call.unwatch', matchId: this.matchId });
    for (const stop of this.stops) stop();
    this.stops = [];
  }

  private receive(frame: ServerFrame) {
    if (frame.type === 'call.state' && frame.matchId === this.matchId) this.inCall = frame.inCall;
    // Watching the call was refused for a passing reason: ask again, or the panel would never see the other join.
    if (frame.type === 'error' && frame.frame === 'call.watch' && isPassingRefusal(frame.code))
      setTimeout(
        () => {
          if (!this.stopped) realtime.send({ type: 'call.watch', matchId: this.matchId });
        },
        backoff(this.retries++),
      );
    this.session.receive(frame);
  }
}
