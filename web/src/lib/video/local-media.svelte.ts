import type { MediaState } from '@spejl/shared';

export type MediaProblem = 'no_camera' | 'no_devices' | 'screen_refused';

/**
 * My microphone, camera and shared screen. The tracks are swapped in place on every link (`replaceTrack`), so
 * turning the camera on, changing device or sharing the screen needs no new negotiation.
 */
export class LocalMedia {
  stream = $state<MediaStream | null>(null);
  audio = $state<MediaStreamTrack | null>(null);
  camera = $state<MediaStreamTrack | null>(null);
  screen = $state<MediaStreamTrack | null>(null);
  micOn = $state(false);
  cameras = $state<MediaDeviceInfo[]>([]);
  microphones = $state<MediaDeviceInfo[]>([]);
  cameraId = $state('');
  microphoneId = $state('');

  /** What goes on the video place of every link: the screen while shared, else the camera. */
  get videoTrack(): MediaStreamTrack | null {
    return this.screen ?? this.camera;
  }

  get state(): MediaState {
    return {
      audio: this.audio !== null && this.micOn,
      video: this.camera !== null,
      screen: this.screen !== null,
    };
  }

  /**
   * Asks for microphone and camera. Without a camera (or permission for it) it falls back to sound only and
   * says so; without either it gives up.
   */
  async start(): Promise<MediaProblem | null> {
    let problem: MediaProblem | null = null;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: this.microphoneId ? { deviceId: { exact: this.microphoneId } } : true,
        video: {
          width: { ideal: 640 },
          height: { ideal: 360 },
          ...(this.cameraId ? { deviceId: { exact: this.cameraId } } : {}),
        },
      });
    } catch {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        problem = 'no_camera';
      } catch {
        return 'no_devices';
      }
    }
    this.stream = stream;
    this.audio = stream.getAudioTracks()[0] ?? null;
    this.camera = stream.getVideoTracks()[0] ?? null;
    this.micOn = this.audio !== null;
    await this.listDevices();
    return problem;
  }

  async listDevices(): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    this.cameras = devices.filter((device) => device.kind === 'videoinput');
    this.microphones = devices.filter((device) => device.kind === 'audioinput');
    this.cameraId = this.camera?.getSettings().deviceId ?? this.cameraId;
    this.microphoneId = this.audio?.getSettings().deviceId ?? this.microphoneId;
  }

  setMic(on: boolean) {
    this.micOn = on && this.audio !== null;
    if (this.audio) this.audio.enabled = this.micOn;
  }

  /** Turns the camera off (the light goes out) or on again; returns the new camera track or null. */
  async setCamera(on: boolean): Promise<boolean> {
    if (!on) {
      this.camera?.stop();
      this.removeFromStream(this.camera);
      this.camera = null;
      return true;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: {
          width: { ideal: 640 },
          height: { ideal: 360 },
          ...(this.cameraId ? { deviceId: { exact: this.cameraId } } : {}),
        },
      });
      this.camera = stream.getVideoTracks()[0] ?? null;
      if (this.camera) this.stream?.addTrack(this.camera);
      return this.camera !== null;
    } catch {
      return false;
    }
  }

  async chooseCamera(deviceId: string): Promise<boolean> {
    this.cameraId = deviceId;
    if (!this.camera) return true;
    await this.setCamera(false);
    return this.setCamera(true);
  }

  async chooseMicrophone(deviceId: string): Promise<boolean> {
    this.microphoneId = deviceId;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId } } });
      const track = stream.getAudioTracks()[0] ?? null;
      this.audio?.stop();
      this.removeFromStream(this.audio);
      this.audio = track;
      if (track) {
        track.enabled = this.micOn;
        this.stream?.addTrack(track);
      }
      return true;
    } catch {
      return false;
    }
  }

  /** Shares a screen or window; `onEnded` runs when the browser's own "stop sharing" is used. */
  async shareScreen(onEnded: () => void): Promise<boolean> {
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = stream.getVideoTracks()[0] ?? null;
      if (!track) return false;
      track.addEventListener('ended', () => {
        if (this.screen === track) {
          this.screen = null;
          onEnded();
        }
      });
      this.screen = track;
      return true;
    } catch {
      return false;
    }
  }

  stopScreen() {
    this.screen?.stop();
    this.screen = null;
  }

  stop() {
    for (const track of [this.audio, this.camera, this.screen]) track?.stop();
    this.stream = null;
    this.audio = null;
    this.camera = null;
    this.screen = null;
    this.micOn = false;
  }

  private removeFromStream(track: MediaStreamTrack | null) {
    if (track) this.stream?.removeTrack(track);
  }
}
