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
  ])('refuses %o with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
