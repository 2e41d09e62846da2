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

describe('the mentoring demo data', () => {
  it('has approved mentors, families waiting, a request no mentor can take, and an active match', async () => {
    const karen = await signIn('koordinator@spejl.test');
    await enableTotp(karen, t.clock);
    const dashboard = (await karen.get('/api/mentoring/dashboard')).json();
    expect(dashboard.counts.approvedMentors).toBeGreaterThanOrEqual(5);
    expect(dashboard.counts.activeMatches).toBe(1);
    expect(
      dashboard.mentorsAwaitingApproval.map((item: { displayName: string }) => item.displayName),
    ).toEqual(['Camilla (mor til Ella)']);
    const waiting = dashboard.openRequests.map(
      (item: { requester: { displayName: string } }) => item.requester.displayName,
    );
    expect(waiting).toEqual(['Fatima', 'Anne (mor til Emil)', 'Peter']);
    expect(dashboard.coverage).toMatchObject([
      { area: { name: 'Gaucher Foreningen Danmark' }, region: 'nordjylland', requests: 1 },
    ]);
    const anne = dashboard.openRequests.find((item: { requester: { displayName: string } }) =>
      item.requester.displayName.startsWith('Anne'),
    );
    expect(anne.topCandidate.displayName).toBe('Lene (erfaren forælder)');
  });

  it('gives the active pair their conversation, with the first messages, and nobody else', async () => {
    const maria = await signIn('maria@spejl.test');
    const [match] = (await maria.get('/api/mentoring/me')).json().matches;
    expect(match).toMatchObject({ status: 'active', mentor: { displayName: 'Birgitte (mor til Oliver)' } });
    const history = await maria.get(`/api/groups/${match.conversationId}/messages`);
    expect(history.json().items).toHaveLength(2);
    const posted = await maria.post(`/api/groups/${match.conversationId}/messages`, {
      clientId: 'seed-test-message-1',
      body: 'Tak for i går!',
    });
    expect(posted.json().message.seq).toBe(3);
    const lene = await signIn('mentor@spejl.test');
    expect((await lene.get(`/api/groups/${match.conversationId}/messages`)).statusCode).toBe(404);
  });
});
