import type { ClientFrame, ServerFrame } from '@spejl/shared';

/**
 * The browser's WebSocket as the shared socket (`realtime`) sees it; the test plays the server: it opens the
 * connection, delivers frames, drops it, and reads what the client sent.
 */
export class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static created: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  readonly sent: ClientFrame[] = [];

  constructor(readonly url: string | URL) {
    super();
    FakeSocket.created.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  close() {
    this.readyState = FakeSocket.CLOSED;
  }

  accept() {
    this.readyState = FakeSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }

  deliver(frame: ServerFrame) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  /** The connection drops (1006: no close frame), as when the network goes away. */
  drop() {
    this.readyState = FakeSocket.CLOSED;
    this.dispatchEvent(new CloseEvent('close', { code: 1006 }));
  }

  sentOfType<T extends ClientFrame['type']>(type: T): Array<Extract<ClientFrame, { type: T }>> {
    return this.sent.filter((frame): frame is Extract<ClientFrame, { type: T }> => frame.type === type);
  }
}
