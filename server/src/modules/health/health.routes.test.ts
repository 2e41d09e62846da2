import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../http/error-handler.ts';
import { createTestApp } from '../../testing/app.ts';
import { healthRoutes } from './health.routes.ts';

describe('GET /api/health', () => {
  it('answers 200 with the database and bus, and 503 once the database stops answering', async () => {
    const t = await createTestApp();
    try {
      const up = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toMatchObject({ status: 'ok', db: t.database.kind, bus: 'memory' });

      await t.database.close();
      const down = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.json().error.code).toBe('service.unavailable');
    } finally {
      await t.app.close();
      await t.jobs.stop().catch(() => {});
    }
  });

  it('answers 503 when the database hangs, instead of keeping the load balancer waiting', async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.decorateRequest('locale', 'en');
    registerErrorHandler(app);
    await app.register(
      healthRoutes({
        ping: () => new Promise(() => {}),
        dbKind: 'postgres',
        busKind: 'redis',
        version: 'test',
        timeoutMs: 50,
      }),
    );
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('service.unavailable');
    await app.close();
  });
});
