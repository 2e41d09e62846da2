/**
 * Baseline: a Socket.IO rooms server, what many would pick instead. Same frames as Spejl, carried as Socket.IO
 * `message` events (JSON); rooms are groups; no database, no auth.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';

interface Frame {
  type: string;
  groupId?: string;
  clientId?: string;
  body?: string;
  threadId?: string;
}

const seqs = new Map<string, number>();
const roots = new Map<string, { seq: number; replyCount: number }>();

const server = http.createServer((request, response) => {
  if (request.url === '/health') response.writeHead(200).end();
});
const io = new Server(server, {
  transports: ['websocket'],
  perMessageDeflate: false,
  maxHttpBufferSize: 32 * 1024,
});

io.on('connection', (socket) => {
  const userId = String(socket.handshake.query.user ?? 'anonymous');
  socket.on('message', (frame: Frame) => {
    if (frame.type === 'subscribe' && frame.groupId) {
      void socket.join(frame.groupId);
      socket.send({ type: 'subscribed', groupId: frame.groupId, lastSeq: seqs.get(frame.groupId) ?? 0 });
    } else if (frame.type === 'message.send' && frame.groupId && socket.rooms.has(frame.groupId)) {
      const seq = (seqs.get(frame.groupId) ?? 0) + 1;
      seqs.set(frame.groupId, seq);
      const message = {
        id: randomUUID(),
        groupId: frame.groupId,
        seq,
        author: { id: userId },
        clientId: frame.clientId,
        body: frame.body,
        threadId: frame.threadId ?? null,
        createdAt: new Date().toISOString(),
      };
      socket.send({ type: 'ack', clientId: frame.clientId, messageId: message.id, seq });
      io.to(frame.groupId).emit('message', { type: 'message.created', groupId: frame.groupId, seq, message });
      roots.set(message.id, { seq, replyCount: 0 });
      const root = frame.threadId ? roots.get(frame.threadId) : undefined;
      if (root) {
        root.replyCount += 1;
        io.to(frame.groupId).emit('message', {
          type: 'message.updated',
          groupId: frame.groupId,
          seq: root.seq,
          message: { id: frame.threadId, replyCount: root.replyCount },
        });
      }
    } else if (frame.type === 'ping') {
      socket.send({ type: 'pong' });
    }
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
