/**
 * Baseline: a bare `ws` broadcast server, the practical Node limit. Rooms are groups; the same frames as Spejl
 * (subscribe/subscribed, message.send/ack, message.created with a per-room seq), no database, no auth.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

interface Frame {
  type: string;
  groupId?: string;
  clientId?: string;
  body?: string;
  threadId?: string;
}

interface Room {
  seq: number;
  sockets: Set<WebSocket>;
  replies: Map<string, { seq: number; replyCount: number }>;
}

const rooms = new Map<string, Room>();
const roomOf = (groupId: string) => {
  let room = rooms.get(groupId);
  if (!room) {
    room = { seq: 0, sockets: new Set(), replies: new Map() };
    rooms.set(groupId, room);
  }
  return room;
};

const server = http.createServer((request, response) => {
  response.writeHead(request.url === '/health' ? 200 : 404).end();
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 32 * 1024 });

wss.on('connection', (socket, request) => {
  const userId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('user') ?? 'anonymous';
  const joined = new Set<string>();
  socket.on('message', (data) => {
    let frame: Frame;
    try {
      frame = JSON.parse(String(data)) as Frame;
    } catch {
      socket.send(JSON.stringify({ type: 'error', code: 'ws.bad_frame', message: 'bad frame' }));
      return;
    }
    if (frame.type === 'subscribe' && frame.groupId) {
      const room = roomOf(frame.groupId);
      room.sockets.add(socket);
      joined.add(frame.groupId);
      socket.send(JSON.stringify({ type: 'subscribed', groupId: frame.groupId, lastSeq: room.seq }));
    } else if (frame.type === 'message.send' && frame.groupId && joined.has(frame.groupId)) {
      const room = roomOf(frame.groupId);
      room.seq += 1;
      const message = {
        id: randomUUID(),
        groupId: frame.groupId,
        seq: room.seq,
        author: { id: userId },
        clientId: frame.clientId,
        body: frame.body,
        threadId: frame.threadId ?? null,
        createdAt: new Date().toISOString(),
      };
      socket.send(
        JSON.stringify({ type: 'ack', clientId: frame.clientId, messageId: message.id, seq: room.seq }),
      );
      broadcast(room, { type: 'message.created', groupId: frame.groupId, seq: room.seq, message });
      room.replies.set(message.id, { seq: room.seq, replyCount: 0 });
      const root = frame.threadId ? room.replies.get(frame.threadId) : undefined;
      if (root) {
        root.replyCount += 1;
        broadcast(room, {
          type: 'message.updated',
          groupId: frame.groupId,
          seq: root.seq,
          message: { id: frame.threadId, replyCount: root.replyCount },
        });
      }
    } else if (frame.type === 'ping') {
      socket.send('{"type":"pong"}');
    }
  });
  socket.on('close', () => {
    for (const groupId of joined) rooms.get(groupId)?.sockets.delete(socket);
  });
});

function broadcast(room: Room, frame: object) {
  const text = JSON.stringify(frame);
  for (const member of room.sockets) if (member.readyState === WebSocket.OPEN) member.send(text);
}

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
});
