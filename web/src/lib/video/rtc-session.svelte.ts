import type {
  ClientFrame,
  IceServer,
  MediaKind,
  ServerFrame,
  VideoAdapterKind,
  VideoPeer,
  VideoPermissions,
} from '@spejl/shared';
import { isMessageKey, type Message } from '../forms/form-state.svelte.ts';
import { t } from '../i18n/i18n.svelte.ts';
import { LocalMedia } from './local-media.svelte.ts';
import { type LinkSignal, type Quality, QualityMeter, RtcLink, worstQuality } from './rtc-links.ts';

/** Where this session is: a webinar room's stage or a mentorship's call. */
export interface RtcSpace {
  kind: 'room' | 'call';
  id: string;
}

/** Someone I receive, with their media and how their connection is. */
export interface RemoteTile {
  peer: VideoPeer;
  stream: MediaStream | null;
  quality: Quality | null;
}

type Phase = 'off' | 'joining' | 'on' | 'left';

/** Frames per second the session sends at most (the server allows 10 per connection, with a burst of 30). */
const sendPerSecond = 8;
const sendBurst = 20;
/** Poor quality this many readings in a row (2 s apart) switches a viewer to sound only. */
const poorReadings = 3;

/**
 * Video on one stage or in one call, over a WebSocket someone else owns (`send`, and `receive` for every frame):
 * joining, publishing my microphone, camera or screen to whoever asks (each viewer, or the SFU), receiving every
 * publisher, connection quality, sound only on a weak connection, and what hosts ask (mute, stop video).
 */
export class RtcSession {
  phase = $state<Phase>('off');
  adapter = $state<VideoAdapterKind | null>(null);
  permissions = $state<VideoPermissions>({ canPublish: false, canModerate: false, canCaption: false });
  peers = $state<VideoPeer[]>([]);
  viewers = $state(0);
  maxViewers = $state<number | null>(null);
  streams = $state<Record<string, MediaStream>>({});
  qualities = $state<Record<string, Quality>>({});
  sendQuality = $state<Quality | null>(null);
  publishing = $state(false);
  /** Sound only: chosen, or because the connection was weak. */
  audioOnly = $state(false);
  readonly local = new LocalMedia();
  /** What to tell the person now (fallbacks, a host's action, why they left). */
  notice = $state<Message | null>(null);
  error = $state<Message | null>(null);
  /** A short text for the polite live region. */
  announcement = $state('');

  readonly space: RtcSpace;
  /** Turn on camera and microphone as soon as the stage is joined (a call, where both talk). */
  autoPublish = false;
  private readonly transport: (frame: ClientFrame) => boolean;
  private iceServers: IceServer[] = [];
  private myPeerId = '';
  private readonly outgoing = new Map<string, RtcLink>();
  private readonly incoming = new Map<string, RtcLink>();
  /** Publisher peer id → my link receiving them (or 'pending' while asked for). */
  private readonly subscriptions = new Map<string, string>();
  private readonly videoOff = new Set<string>();
  private readonly meters = new Map<string, QualityMeter>();
  private readonly poor = new Map<string, number>();
  private readonly queue: ClientFrame[] = [];
  private tokens = sendBurst;
  private refilled = Date.now();
  private drainTimer: ReturnType<typeof setTimeout> | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;

  constructor(space: RtcSpace, transport: (frame: ClientFrame) => boolean) {
    this.space = space;
    this.transport = transport;
  }

  /** Everyone I receive, in the roster's order. */
  get tiles(): RemoteTile[] {
    return this.peers.map((peer) => ({
      peer,
      stream: this.streams[peer.peerId] ?? null,
      quality: this.qualities[peer.peerId] ?? null,
    }));
  }

  get quality(): Quality | null {
    const values = Object.values(this.qualities);
    if (this.sendQuality) values.push(this.sendQuality);
    return worstQuality(values);
  }

  join(): void {
    this.error = null;
    this.notice = null;
    this.phase = 'joining';
    this.send('join', {});
  }

  leave(): void {
    if (this.phase === 'on' || this.phase === 'joining') this.send('leave', {});
    this.teardown();
    this.phase = 'off';
  }

  /** The connection dropped: the server forgot this stage, so everything starts again once it is back. */
  reset(): void {
    const wasOn = this.phase === 'on' || this.phase === 'joining';
    this.teardown();
    this.phase = wasOn ? 'off' : this.phase;
  }

  async startPublishing(): Promise<void> {
    this.error = null;
    const problem = await this.local.start();
    if (problem === 'no_devices') {
      this.error = { key: 'video.error.noDevices' };
      return;
    }
    if (problem === 'no_camera') this.notice = { key: 'video.notice.noCamera' };
    this.publishing = true;
    this.send('publish', { media: this.local.state });
  }

  stopPublishing(): void {
    this.publishing = false;
    for (const link of this.outgoing.values()) link.close();
    this.outgoing.clear();
    this.local.stop();
    if (this.phase === 'on') this.send('unpublish', {});
  }

  toggleMic(): void {
    if (!this.publishing) return;
    this.local.setMic(!this.local.micOn);
    this.announce(t(this.local.micOn ? 'video.announce.micOn' : 'video.announce.micOff'));
    this.sendMedia();
  }

  async toggleCamera(): Promise<void> {
    if (!this.publishing) return;
    const on = !this.local.camera;
    if (!(await this.local.setCamera(on))) {
      this.error = { key: 'video.error.camera' };
      return;
    }
    this.replaceVideo();
    this.announce(t(on ? 'video.announce.cameraOn' : 'video.announce.cameraOff'));
    this.sendMedia();
  }

  async toggleScreen(): Promise<void> {
    if (!this.publishing) return;
    if (this.local.screen) this.local.stopScreen();
    else if (
      !(await this.local.shareScreen(() => {
        this.replaceVideo();
        this.sendMedia();
      }))
    ) {
      this.error = { key: 'video.error.screen' };
      return;
    }
    this.replaceVideo();
    this.announce(t(this.local.screen ? 'video.announce.screenOn' : 'video.announce.screenOff'));
    this.sendMedia();
  }

  async chooseCamera(deviceId: string): Promise<void> {
    if (await this.local.chooseCamera(deviceId)) this.replaceVideo();
    else this.error = { key: 'video.error.camera' };
  }

  async chooseMicrophone(deviceId: string): Promise<void> {
    if (!(await this.local.chooseMicrophone(deviceId))) {
      this.error = { key: 'video.error.microphone' };
      return;
    }
    for (const link of this.outgoing.values())
      for (const transceiver of link.pc.getTransceivers())
        if (transceiver.receiver.track.kind === 'audio')
          void transceiver.sender.replaceTrack(this.local.audio);
  }

  /** Sound only (or sound and picture again) from every publisher. */
  setAudioOnly(on: boolean, becauseWeak = false): void {
    this.audioOnly = on;
    for (const link of this.incoming.values()) this.send('prefer', { linkId: link.id, video: !on });
    if (becauseWeak) this.notice = { key: 'video.notice.weakAudioOnly' };
    this.announce(t(on ? 'video.announce.audioOnly' : 'video.announce.videoBack'));
  }

  /** A host mutes everyone's microphone, or stops one person's camera. */
  moderate(kind: MediaKind, userId?: string): void {
    if (this.space.kind !== 'room') return;
    this.enqueue({ type: 'room.rtc.moderate', roomId: this.space.id, kind, ...(userId ? { userId } : {}) });
  }

  /** Every frame from the connection; frames of other spaces are ignored. */
  receive(frame: ServerFrame): void {
    const prefix = this.space.kind === 'room' ? 'room.rtc.' : 'call.';
    const record = frame as Record<string, unknown>;
    if (frame.type === 'error') {
      this.onError(frame);
      return;
    }
    if (!frame.type.startsWith(prefix)) return;
    if ((record.roomId ?? record.matchId) !== this.space.id) return;
    const kind = frame.type.slice(prefix.length);
    switch (kind) {
      case 'joined': {
        const joined = frame as Extract<ServerFrame, { type: 'room.rtc.joined' }>;
        this.phase = 'on';
        this.adapter = joined.adapter;
        this.myPeerId = joined.peerId;
        this.iceServers = joined.iceServers;
        this.permissions = joined.permissions;
        this.maxViewers = joined.maxViewers;
        this.setPeers(joined.peers, joined.viewers);
        this.startStats();
        if (this.autoPublish && joined.permissions.canPublish && !this.publishing)
          void this.startPublishing();
        return;
      }
      case 'peers': {
        const update = frame as Extract<ServerFrame, { type: 'room.rtc.peers' }>;
        this.setPeers(update.peers, update.viewers);
        return;
      }
      case 'permissions': {
        const update = frame as Extract<ServerFrame, { type: 'room.rtc.permissions' }>;
        const had = this.permissions.canPublish;
        this.permissions = update.permissions;
        if (had && !update.permissions.canPublish && this.publishing) {
          this.stopPublishing();
          this.notice = { key: 'video.notice.turnOver' };
        } else if (!had && update.permissions.canPublish) {
          this.announce(t('video.announce.mayPublish'));
        }
        return;
      }
      case 'subscriber':
        return void this.sendTo((frame as { linkId: string }).linkId);
      case 'signal':
        return void this.onSignal(frame as Extract<ServerFrame, { type: 'room.rtc.signal' }>);
      case 'closed':
        this.onClosed((frame as { linkId: string }).linkId);
        return;
      case 'prefer': {
        const { linkId, video } = frame as { linkId: string; video: boolean };
        if (video) this.videoOff.delete(linkId);
        else this.videoOff.add(linkId);
        const link = this.outgoing.get(linkId);
        if (link) this.setLinkVideo(link);
        return;
      }
      case 'moderated': {
        const { kind: what, by } = frame as { kind: MediaKind; by: string };
        if (what === 'audio' && this.local.micOn) this.toggleMic();
        if (what === 'video' && this.local.camera) void this.toggleCamera();
        if (what === 'video' && this.local.screen) void this.toggleScreen();
        this.notice = {
          key: what === 'audio' ? 'video.notice.mutedBy' : 'video.notice.videoStoppedBy',
          params: { name: by },
        };
        return;
      }
      case 'left': {
        const { reason } = frame as { reason: string };
        this.teardown();
        this.phase = 'left';
        const key = `video.left.${reason}`;
        this.notice = isMessageKey(key) ? { key } : null;
        return;
      }
    }
  }

  destroy(): void {
    this.leave();
  }

  private onError(frame: Extract<ServerFrame, { type: 'error' }>) {
    const ref = frame.ref ?? '';
    const mine =
      ref === `rtc:${this.space.id}` ||
      this.outgoing.has(ref) ||
      this.incoming.has(ref) ||
      this.subscriptions.has(ref) ||
      this.peers.some((peer) => peer.peerId === ref);
    if (!mine) return;
    if (this.subscriptions.get(ref) === 'pending') this.subscriptions.delete(ref);
    const key = `error.${frame.code}`;
    this.error = isMessageKey(key) ? { key } : { text: frame.message };
    if (this.phase === 'joining') this.phase = 'off';
  }

  private setPeers(peers: VideoPeer[], viewers: number) {
    this.peers = peers;
    this.viewers = viewers;
    const present = new Set(peers.map((peer) => peer.peerId));
    for (const [peerId, linkId] of [...this.subscriptions]) {
      if (present.has(peerId)) continue;
      this.subscriptions.delete(peerId);
      const link = this.incoming.get(linkId);
      if (link) {
        this.send('close', { linkId });
        this.dropIncoming(link);
      }
    }
    for (const peer of peers)
      if (!this.subscriptions.has(peer.peerId) && peer.peerId !== this.myPeerId) {
        this.subscriptions.set(peer.peerId, 'pending');
        this.send('subscribe', { peerId: peer.peerId });
      }
  }

  /** Someone (a viewer, or the SFU) wants my media on a new link: offer it. */
  private async sendTo(linkId: string) {
    if (!this.publishing) return;
    const link = new RtcLink(linkId, null, this.iceServers, (signal) => this.signal(linkId, signal));
    this.outgoing.set(linkId, link);
    const stream = this.local.stream ?? new MediaStream();
    link.pc.addTransceiver(this.local.audio ?? 'audio', { direction: 'sendonly', streams: [stream] });
    link.pc.addTransceiver(this.local.videoTrack ?? 'video', { direction: 'sendonly', streams: [stream] });
    this.setLinkVideo(link);
    try {
      await link.offer();
    } catch {
      this.error = { key: 'video.error.connection' };
    }
  }

  private async onSignal(frame: { linkId: string; peerId: string | null } & LinkSignal) {
    let link = this.outgoing.get(frame.linkId) ?? this.incoming.get(frame.linkId);
    if (!link && frame.description?.type === 'offer' && frame.peerId) {
      // A publisher's media for me, on a new link.
      const peerId = frame.peerId;
      link = new RtcLink(frame.linkId, peerId, this.iceServers, (signal) =>
        this.signal(frame.linkId, signal),
      );
      this.incoming.set(frame.linkId, link);
      this.subscriptions.set(peerId, frame.linkId);
      this.meters.set(frame.linkId, new QualityMeter());
      link.pc.addEventListener('track', (event) => {
        const stream = event.streams[0] ?? this.streams[peerId] ?? new MediaStream();
        if (!stream.getTracks().includes(event.track)) stream.addTrack(event.track);
        this.streams = { ...this.streams, [peerId]: stream };
      });
      link.pc.addEventListener('connectionstatechange', () => {
        if (link?.pc.connectionState === 'failed') this.onClosed(frame.linkId);
      });
      if (this.audioOnly) this.send('prefer', { linkId: frame.linkId, video: false });
    }
    if (!link) return;
    try {
      await link.receive(frame);
    } catch {
      this.error = { key: 'video.error.connection' };
    }
  }

  private onClosed(linkId: string) {
    const out = this.outgoing.get(linkId);
    if (out) {
      out.close();
      this.outgoing.delete(linkId);
      this.videoOff.delete(linkId);
      // The SFU lost my publication (its connection failed, or it restarted): publish again.
      if (this.adapter === 'janus')
        setTimeout(() => {
          if (this.phase === 'on' && this.publishing && this.outgoing.size === 0)
            this.send('publish', { media: this.local.state });
        }, 1000);
      return;
    }
    const link = this.incoming.get(linkId);
    if (!link) return;
    const peerId = link.peerId;
    this.dropIncoming(link);
    if (!peerId) return;
    this.subscriptions.delete(peerId);
    // Still publishing: ask again after a moment (the connection failed, or the SFU restarted).
    setTimeout(() => {
      if (
        this.phase === 'on' &&
        this.peers.some((peer) => peer.peerId === peerId) &&
        !this.subscriptions.has(peerId)
      ) {
        this.subscriptions.set(peerId, 'pending');
        this.send('subscribe', { peerId });
      }
    }, 1000);
  }

  private dropIncoming(link: RtcLink) {
    link.close();
    this.incoming.delete(link.id);
    this.meters.delete(link.id);
    if (link.peerId) {
      const { [link.peerId]: _stream, ...streams } = this.streams;
      this.streams = streams;
      const { [link.peerId]: _quality, ...qualities } = this.qualities;
      this.qualities = qualities;
    }
  }

  /** Puts the current video (screen or camera, or nothing) on every link, except links asking for sound only. */
  private replaceVideo() {
    for (const link of this.outgoing.values()) this.setLinkVideo(link);
  }

  private setLinkVideo(link: RtcLink) {
    const transceiver = link.pc.getTransceivers().find((entry) => entry.receiver.track.kind === 'video');
    if (!transceiver) return;
    const track = this.videoOff.has(link.id) ? null : this.local.videoTrack;
    if (transceiver.sender.track !== track) void transceiver.sender.replaceTrack(track);
  }

  private sendMedia() {
    if (this.publishing) this.send('publish', { media: this.local.state });
  }

  private signal(linkId: string, signal: LinkSignal) {
    this.send('signal', { linkId, ...signal });
  }

  /** Builds the space's frame (`room.rtc.*` with roomId, `call.*` with matchId) and queues it. */
  private send(action: string, fields: Record<string, unknown>) {
    const frame =
      this.space.kind === 'room'
        ? { type: `room.rtc.${action}`, roomId: this.space.id, ...fields }
        : { type: `call.${action}`, matchId: this.space.id, ...fields };
    this.enqueue(frame as ClientFrame);
  }

  private enqueue(frame: ClientFrame) {
    this.queue.push(frame);
    this.drain();
  }

  /** Sends at most 8 frames a second after a burst, so a presenter with many viewers stays under the limit. */
  private drain() {
    if (this.drainTimer) return;
    const now = Date.now();
    this.tokens = Math.min(sendBurst, this.tokens + ((now - this.refilled) / 1000) * sendPerSecond);
    this.refilled = now;
    while (this.queue.length > 0 && this.tokens >= 1) {
      const frame = this.queue.shift() as ClientFrame;
      if (!this.transport(frame)) {
        this.queue.unshift(frame);
        break;
      }
      this.tokens -= 1;
    }
    if (this.queue.length > 0)
      this.drainTimer = setTimeout(() => {
        this.drainTimer = null;
        this.drain();
      }, 1000 / sendPerSecond);
  }

  private startStats() {
    if (this.statsTimer) return;
    this.statsTimer = setInterval(() => void this.measure(), 2000);
  }

  private async measure() {
    const qualities: Record<string, Quality> = {};
    for (const link of this.incoming.values()) {
      const meter = this.meters.get(link.id);
      if (!meter || !link.peerId) continue;
      const quality = await meter.measure(link.pc).catch(() => null);
      if (!quality) continue;
      qualities[link.peerId] = quality;
      const count = quality === 'poor' ? (this.poor.get(link.id) ?? 0) + 1 : 0;
      this.poor.set(link.id, count);
      if (count >= poorReadings && !this.audioOnly) this.setAudioOnly(true, true);
    }
    this.qualities = qualities;
    const sending: Quality[] = [];
    for (const link of this.outgoing.values()) {
      let meter = this.meters.get(link.id);
      if (!meter) {
        meter = new QualityMeter();
        this.meters.set(link.id, meter);
      }
      const quality = await meter.measure(link.pc).catch(() => null);
      if (quality) sending.push(quality);
    }
    this.sendQuality = worstQuality(sending);
  }

  private announce(text: string) {
    this.announcement = '';
    queueMicrotask(() => {
      this.announcement = text;
    });
  }

  private teardown() {
    for (const link of [...this.outgoing.values(), ...this.incoming.values()]) link.close();
    this.outgoing.clear();
    this.incoming.clear();
    this.subscriptions.clear();
    this.meters.clear();
    this.poor.clear();
    this.videoOff.clear();
    this.queue.length = 0;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = null;
    this.streams = {};
    this.qualities = {};
    this.sendQuality = null;
    this.peers = [];
    if (this.publishing || this.local.stream) this.local.stop();
    this.publishing = false;
  }
}
