import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('serves a one-machine install with no variables set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      publicOrigin: 'http://localhost:3000',
      dataDir: './data',
      databaseUrl: undefined,
      bus: 'memory',
      video: 'p2p',
      nodeEnv: 'development',
    });
  });

  it('derives the public origin from PORT and normalises PUBLIC_ORIGIN to an origin', () => {
    expect(loadConfig({ PORT: '4000' }).publicOrigin).toBe('http://localhost:4000');
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://spejl.example.dk/' }).publicOrigin).toBe(
      'https://spejl.example.dk',
    );
  });

  it('refuses a plain-http public origin in production, except on this machine', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'http://spejl.example.dk' })).toThrow(
      /PUBLIC_ORIGIN: must be https/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://spejl.example.dk' }).publicOrigin,
    ).toBe('https://spejl.example.dk');
    expect(loadConfig({ NODE_ENV: 'production' }).publicOrigin).toBe('http://localhost:3000');
  });

  it('takes the upload limit from UPLOAD_MAX_MB, 20 MB by default, and refuses a malformed one', () => {
    expect(loadConfig({}).uploadMaxBytes).toBe(20 * 1024 * 1024);
    expect(loadConfig({ UPLOAD_MAX_MB: '5' }).uploadMaxBytes).toBe(5 * 1024 * 1024);
    expect(() => loadConfig({ UPLOAD_MAX_MB: 'lots' })).toThrow(/UPLOAD_MAX_MB/);
    expect(() => loadConfig({ UPLOAD_MAX_MB: '0' })).toThrow(/UPLOAD_MAX_MB/);
  });

  it('trusts X-Forwarded-For only from the proxies it is given, never from every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ BUS: 'kafka' }, 'BUS'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ BUS: 'redis' }, 'REDIS_URL'],
    [{ BUS: 'postgres' }, 'DATABASE_URL'],
    [{ VIDEO: 'janus' }, 'JANUS_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ PUBLIC_ORIGIN: 'not a url' }, 'PUBLIC_ORIGIN'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ VIDEO: 'sfu' }, 'VIDEO'],
    [{ VIDEO: 'janus', JANUS_URL: 'ws://127.0.0.1:8188' }, 'JANUS_URL'],
    [{ VIDEO: 'janus', JANUS_URL: 'http://127.0.0.1:8088/janus', JANUS_SECRET: 'short' }, 'JANUS_SECRET'],
    [{ VIDEO: 'janus', JANUS_URL: 'http://janus:8088/janus', NODE_ENV: 'production' }, 'JANUS_SECRET'],
    [{ STUN_URLS: 'http://stun.example.dk' }, 'STUN_URLS'],
    [{ STUN_URLS: 'stun:stun.example.dk:3478, turn:x:3478' }, 'STUN_URLS'],
    [{ TURN_URLS: 'turn:turn.example.dk:3478' }, 'TURN_SECRET'],
    [{ TURN_URLS: 'turn:turn.example.dk:3478?transport=sctp', TURN_SECRET: 'a'.repeat(32) }, 'TURN_URLS'],
    [{ TURN_SECRET: 'a'.repeat(32) }, 'TURN_URLS'],
    [{ TURN_URLS: 'turn:turn.example.dk:3478', TURN_SECRET: 'too-short' }, 'TURN_SECRET'],
    [{ TURN_TTL_SECONDS: '10' }, 'TURN_TTL_SECONDS'],
    [{ VIDEO_P2P_MAX_VIEWERS: '0' }, 'VIDEO_P2P_MAX_VIEWERS'],
    [{ VIDEO_P2P_MAX_VIEWERS: 'many' }, 'VIDEO_P2P_MAX_VIEWERS'],
    [{ WS_MAX_SOCKETS_PER_USER: '-1' }, 'WS_MAX_SOCKETS_PER_USER'],
    [{ WS_MAX_SOCKETS_PER_USER: 'twenty' }, 'WS_MAX_SOCKETS_PER_USER'],
    [{ WS_MAX_SOCKETS_PER_IP: '2.5' }, 'WS_MAX_SOCKETS_PER_IP'],
    [{ WS_MAX_BUFFERED_KB: '8' }, 'WS_MAX_BUFFERED_KB'],
    [{ WS_MAX_BUFFERED_KB: '1e9' }, 'WS_MAX_BUFFERED_KB'],
    [{ VAPID_PUBLIC_KEY: 'B'.repeat(87) }, 'VAPID_PRIVATE_KEY'],
    [{ VAPID_PRIVATE_KEY: 'c'.repeat(43) }, 'VAPID_PUBLIC_KEY'],
    [{ VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: 'c'.repeat(43) }, 'VAPID_PUBLIC_KEY'],
    [{ VAPID_SUBJECT: 'ops@spejl.example.dk' }, 'VAPID_SUBJECT'],
  ])('refuses %o with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads the VAPID keys and subject for push, or none (made once and kept in the database)', () => {
    expect(loadConfig({}).push).toEqual({ vapidKeys: undefined, vapidSubject: undefined });
    const keys = { publicKey: `B${'x'.repeat(86)}`, privateKey: 'c'.repeat(43) };
    expect(
      loadConfig({
        VAPID_PUBLIC_KEY: keys.publicKey,
        VAPID_PRIVATE_KEY: keys.privateKey,
        VAPID_SUBJECT: 'mailto:drift@spejl.example.dk',
      }).push,
    ).toEqual({ vapidKeys: keys, vapidSubject: 'mailto:drift@spejl.example.dk' });
  });

  it('reads the video settings: adapter, Janus, STUN and TURN, the p2p limit', () => {
    expect(loadConfig({})).toMatchObject({
      video: 'p2p',
      janusUrl: undefined,
      janusSecret: undefined,
      ice: { stunUrls: [], turnUrls: [], turnSecret: undefined, turnTtlSeconds: 3600 },
      p2pMaxViewers: 8,
    });
    const config = loadConfig({
      VIDEO: 'janus',
      JANUS_URL: 'http://janus:8088/janus',
      JANUS_SECRET: 'janus-api-secret',
      NODE_ENV: 'production',
      PUBLIC_ORIGIN: 'https://spejl.example.dk',
      STUN_URLS: 'stun:turn.example.dk:3478, stun:[2001:db8::1]:3478',
      TURN_URLS: 'turn:turn.example.dk:3478?transport=udp,turns:turn.example.dk:5349?transport=tcp',
      TURN_SECRET: 'coturn-static-auth-secret',
      TURN_TTL_SECONDS: '600',
      VIDEO_P2P_MAX_VIEWERS: '4',
    });
    expect(config).toMatchObject({
      video: 'janus',
      janusUrl: 'http://janus:8088/janus',
      janusSecret: 'janus-api-secret',
      ice: {
        stunUrls: ['stun:turn.example.dk:3478', 'stun:[2001:db8::1]:3478'],
        turnUrls: ['turn:turn.example.dk:3478?transport=udp', 'turns:turn.example.dk:5349?transport=tcp'],
        turnSecret: 'coturn-static-auth-secret',
        turnTtlSeconds: 600,
      },
      p2pMaxViewers: 4,
    });
  });

  it('caps WebSocket connections per person and address, and the unread bytes per socket', () => {
    expect(loadConfig({}).realtime).toEqual({
      maxSocketsPerUser: 20,
      maxSocketsPerAddress: 200,
      maxBufferedBytes: 1024 * 1024,
    });
    expect(
      loadConfig({ WS_MAX_SOCKETS_PER_USER: '5', WS_MAX_SOCKETS_PER_IP: '0', WS_MAX_BUFFERED_KB: '256' })
        .realtime,
    ).toEqual({ maxSocketsPerUser: 5, maxSocketsPerAddress: 0, maxBufferedBytes: 256 * 1024 });
  });

  it('lets a development Janus run without a secret', () => {
    expect(
      loadConfig({ VIDEO: 'janus', JANUS_URL: 'http://127.0.0.1:8088/janus' }).janusSecret,
    ).toBeUndefined();
  });
});
