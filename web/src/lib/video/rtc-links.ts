import type { IceCandidate, IceServer, SessionDescription } from '@spejl/shared';

/** What a link needs to tell the other end: its description and its candidates, batched. */
export interface LinkSignal {
  description?: SessionDescription;
  candidates?: IceCandidate[];
  endOfCandidates?: true;
}

/** Candidates found within this time travel in one frame, so a link needs a handful of frames, not dozens. */
const batchMs = 120;
const batchMax = 20;

/**
 * One RTCPeerConnection of a link. The sending side offers, the receiving side answers; candidates that arrive
 * before the remote description wait until it is set.
 */
export class RtcLink {
  readonly id: string;
  readonly pc: RTCPeerConnection;
  /** The publisher this link receives from (null for the links I send on). */
  readonly peerId: string | null;
  private readonly emit: (signal: LinkSignal) => void;
  private pending: IceCandidate[] = [];
  private batch: IceCandidate[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private hasRemote = false;
  closed = false;

  constructor(
    id: string,
    peerId: string | null,
    iceServers: IceServer[],
    emit: (signal: LinkSignal) => void,
  ) {
    this.id = id;
    this.peerId = peerId;
    this.emit = emit;
    this.pc = new RTCPeerConnection({ iceServers: iceServers as RTCIceServer[] });
    this.pc.addEventListener('icecandidate', (event) => {
      if (this.closed) return;
      if (!event.candidate) {
        this.flush();
        this.emit({ endOfCandidates: true });
        return;
      }
      if (!event.candidate.candidate) return;
      const json = event.candidate.toJSON();
      this.batch.push({
        candidate: json.candidate ?? '',
        sdpMid: json.sdpMid ?? null,
        sdpMLineIndex: json.sdpMLineIndex ?? null,
        usernameFragment: json.usernameFragment ?? null,
      });
      if (this.batch.length >= batchMax) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), batchMs);
    });
  }

  /** Makes and sends the offer (the sending side). */
  async offer(): Promise<void> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    this.emit({ description: { type: 'offer', sdp: this.pc.localDescription?.sdp ?? offer.sdp ?? '' } });
  }

  /** Takes the other end's description; answers an offer. */
  async receive(signal: LinkSignal): Promise<void> {
    if (this.closed) return;
    if (signal.description) {
      await this.pc.setRemoteDescription(signal.description);
      this.hasRemote = true;
      if (signal.description.type === 'offer') {
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        this.emit({
          description: { type: 'answer', sdp: this.pc.localDescription?.sdp ?? answer.sdp ?? '' },
        });
      }
      const waiting = this.pending;
      this.pending = [];
      for (const candidate of waiting) await this.addCandidate(candidate);
    }
    for (const candidate of signal.candidates ?? []) {
      if (this.hasRemote) await this.addCandidate(candidate);
      else this.pending.push(candidate);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.pc.close();
  }

  private async addCandidate(candidate: IceCandidate) {
    try {
      await this.pc.addIceCandidate({
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? null,
        sdpMLineIndex: candidate.sdpMLineIndex ?? null,
        ...(candidate.usernameFragment ? { usernameFragment: candidate.usernameFragment } : {}),
      });
    } catch {
      // A candidate the browser cannot use (another address family) is skipped; the others carry the link.
    }
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.length === 0 || this.closed) return;
    const candidates = this.batch;
    this.batch = [];
    this.emit({ candidates });
  }
}

export type Quality = 'good' | 'fair' | 'poor';

const order: Record<Quality, number> = { good: 0, fair: 1, poor: 2 };
export const worstQuality = (values: Quality[]): Quality | null =>
  values.length === 0 ? null : values.reduce((worst, value) => (order[value] > order[worst] ? value : worst));

/** Reads a link's stats and rates its connection from packet loss and round-trip time since the last reading. */
export class QualityMeter {
  private lost = 0;
  private received = 0;

  async measure(pc: RTCPeerConnection): Promise<Quality | null> {
    if (pc.connectionState === 'failed' || pc.connectionState === 'disconnected') return 'poor';
    if (pc.connectionState !== 'connected') return null;
    const stats = await pc.getStats();
    let lost = 0;
    let received = 0;
    let rtt: number | null = null;
    stats.forEach((report) => {
      if (report.type === 'inbound-rtp') {
        lost += report.packetsLost ?? 0;
        received += report.packetsReceived ?? 0;
      } else if (report.type === 'remote-inbound-rtp') {
        if (typeof report.fractionLost === 'number') {
          lost += Math.round(report.fractionLost * 100);
          received += 100;
        }
        if (typeof report.roundTripTime === 'number') rtt = Math.max(rtt ?? 0, report.roundTripTime);
      } else if (report.type === 'candidate-pair' && report.nominated && report.state === 'succeeded') {
        if (typeof report.currentRoundTripTime === 'number')
          rtt = Math.max(rtt ?? 0, report.currentRoundTripTime);
      }
    });
    const newLost = Math.max(0, lost - this.lost);
    const newReceived = Math.max(0, received - this.received);
    this.lost = lost;
    this.received = received;
    const loss = newReceived + newLost === 0 ? 0 : newLost / (newReceived + newLost);
    const roundTrip = rtt ?? 0;
    if (loss < 0.02 && roundTrip < 0.3) return 'good';
    if (loss < 0.08 && roundTrip < 0.7) return 'fair';
    return 'poor';
  }
}
