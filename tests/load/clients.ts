import { io } from 'socket.io-client';
import WebSocket from 'ws';

/** Which server a client talks to: Spejl's /api/ws, the bare `ws` broadcast baseline, or the Socket.IO baseline. */
export type TargetKind = 'spejl' | 'ws' | 'socketio';

/** A frame as the generator reads it: the same JSON shape from all three servers. */
export interface Frame {
  type: string;
  groupId?: string;
  seq?: number;
  lastSeq?: number;
  clientId?: string;
  messageId?: string;
  code?: string;
  ref?: string;
  message?: { id: string; clientId: string; body: string | null };
}

export interface ChatClient {
  send(frame: object): void;
  close(): void;
}

export interface ClientTarget {
  kind: TargetKind;
  /** http://127.0.0.1:PORT of the server this client connects to. */
  url: string;
  /** Spejl only: the app's own origin, which the handshake checks. */
  origin?: string;
  /** Spejl only: `spejl_session=<token>`. */
  cookie?: string;
  userId: string;
}

/**
 * Opens one client. All three speak the same frames: `subscribe{groupId}` answered by `subscribed{lastSeq}`,
 * `message.send{groupId, clientId, body}` answered by `ack{clientId, messageId, seq}` and a
 * `message.created{groupId, seq, message}` to every member of the group.
 */
export function openClient(
  target: ClientTarget,
  onFrame: (frame: Frame) => void,
  onClose: (code: number) => void,
): Promise<ChatClient> {
  if (target.kind === 'socketio') return openSocketIo(target, onFrame, onClose);
  const address =
    target.kind === 'spejl'
      ? `${target.url.replace(/^http/, 'ws')}/api/ws`
      : `${target.url.replace(/^http/, 'ws')}/?user=${encodeURIComponent(target.userId)}`;
  const headers: Record<string, string> = {};
  if (target.origin) headers.origin = target.origin;
  if (target.cookie) headers.cookie = target.cookie;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(address, { headers, perMessageDeflate: false });
    let open = false;
    socket.on('message', (data) => onFrame(JSON.parse(String(data)) as Frame));
    socket.once('open', () => {
      open = true;
      resolve({
        send: (frame) => socket.send(JSON.stringify(frame)),
        close: () => socket.close(),
      });
    });
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`handshake refused with ${response.statusCode}`));
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!open) reject(error);
    });
    socket.once('close', (code) => {
      if (open) onClose(code);
    });
  });
}

function openSocketIo(
  target: ClientTarget,
  onFrame: (frame: Frame) => void,
  onClose: (code: number) => void,
): Promise<ChatClient> {
  return new Promise((resolve, reject) => {
    const socket = io(target.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      query: { user: target.userId },
    });
    let open = false;
    socket.on('message', (frame: Frame) => onFrame(frame));
    socket.once('connect', () => {
      open = true;
      resolve({ send: (frame) => socket.send(frame), close: () => socket.disconnect() });
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      if (!open) reject(error);
    });
    socket.once('disconnect', () => {
      // Socket.IO has no close codes; 1006 is what a WebSocket says for a connection that simply ended.
      if (open) onClose(1006);
    });
  });
}
