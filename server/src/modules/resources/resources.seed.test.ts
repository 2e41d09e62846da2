import { demoPassword, seedDemoData } from '@spejl/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, enableTotp, type TestApp } from '../../testing/app.ts';
import { hashPassword } from '../auth/auth.password.ts';

let t: TestApp;

async function signIn(email: string): Promise<Client> {
  const client = new Client(t.app);
  const response = await client.post('/api/auth/login', { email, password: demoPassword });
  expect(response.statusCode, response.body).toBe(200);
  return client;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db, hashPassword);
});
afterAll(async () => {
  await t?.close();
});

describe('the information kit in the demo data', () => {
  it('has public guides a visitor reads, one of them overdue, and the contact falls back to Sjældne-netværket', async () => {
    const visitor = new Client(t.app);
    const list = (await visitor.get('/api/resources?limit=100')).json();
    const titles = list.items.map((item: { title: string }) => item.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Aflastning',
        'Merudgifter til børn med handicap (tidligere serviceloven § 41)',
        'Søskende til børn med sjældne sygdomme',
      ]),
    );
    expect(titles).not.toContain('Bedsteforældre: sådan kan I støtte');
    const respite = list.items.find((item: { title: string }) => item.title === 'Aflastning');
    expect(respite).toMatchObject({ reviewState: 'overdue', overdue: true });
    const extra = list.items.find((item: { title: string }) => item.title.startsWith('Merudgifter'));
    expect(extra.validYear).toBe(Number(extra.reviewedOn.slice(0, 4)));
    const read = (await visitor.get(`/api/resources/${respite.id}`)).json();
    expect(read.contact).toMatchObject({ fallback: true, group: { name: 'Sjældne-netværket' } });
    expect(read.sources.map((source: { url?: string }) => source.url)).toContain('https://www.borger.dk');
  });

  it("puts the overdue guide in the admin's queue and lets the association's editor see its checklist", async () => {
    const admin = await signIn('admin@spejl.test');
    await enableTotp(admin, t.clock);
    const queue = (await admin.get('/api/resources/review')).json();
    expect(queue.items[0]).toMatchObject({ title: 'Aflastning', reviewState: 'overdue' });
    const mads = await signIn('moderator@spejl.test');
    const checklist = (await mads.get('/api/resources?topic=school_and_daycare')).json();
    expect(checklist.items.map((item: { title: string }) => item.title)).toContain(
      'Skolestart med cystisk fibrose: tjekliste til mødet med skolen',
    );
    const sofie = await signIn('medlem@spejl.test');
    const group = (await sofie.get('/api/resources?topic=everyday_life_and_siblings')).json();
    expect(group.items.map((item: { title: string }) => item.title)).not.toContain(
      'Bedsteforældre: sådan kan I støtte',
    );
  });
});
