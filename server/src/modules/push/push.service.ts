import type { Locale, PushDevice } from '@spejl/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { EndpointGuard } from './push.endpoints.ts';
import type { VapidKeys } from './push.keys.ts';
import { deviceLabel } from './push.label.ts';
import { deviceRefusal } from './push.policy.ts';
import type { PushRepository, PushSubscriptionRow } from './push.repository.ts';

/** Devices with push on per person; a new one beyond this replaces the one quiet the longest. */
export const maxDevicesPerPerson = 10;

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

function toDevice(row: PushSubscriptionRow): PushDevice {
  return {
    id: row.id,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
  };
}

/** A person's devices with push on: the public key they subscribe with, subscribing, listing and removing. */
export function createPushService(deps: {
  repository: PushRepository;
  keys: VapidKeys;
  guard: EndpointGuard;
  clock: Clock;
}) {
  const { repository } = deps;

  async function remove(actor: Actor, device: PushSubscriptionRow | undefined): Promise<void> {
    const refusal = deviceRefusal(actor, device);
    if (refusal || !device) throw new AppError(refusal ?? 'not_found');
    await repository.delete(device.id);
  }

  return {
    async publicKey(): Promise<string> {
      return (await deps.keys.get()).publicKey;
    },

    /** Keeps this browser's subscription for the actor; `created` is false when the endpoint was known already. */
    async subscribe(
      actor: Actor,
      subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
      client: { userAgent: string | undefined; locale: Locale },
    ): Promise<{ device: PushDevice; created: boolean }> {
      if (!(await deps.guard.allows(subscription.endpoint))) throw new AppError('push.endpoint_not_allowed');
      const { row, created } = await repository.upsert({
        userId: actor.user.id,
        endpoint: subscription.endpoint,
        p256dh: subscription.keys.p256dh,
        auth: subscription.keys.auth,
        label: deviceLabel(client.userAgent, client.locale),
        createdAt: deps.clock.now(),
      });
      await repository.trim(actor.user.id, maxDevicesPerPerson, row.id);
      return { device: toDevice(row), created };
    },

    async list(actor: Actor): Promise<PushDevice[]> {
      return (await repository.listFor(actor.user.id)).map(toDevice);
    },

    /** Removes the subscription with this endpoint (the browser unsubscribed); 404 unless it is the actor's. */
    async removeEndpoint(actor: Actor, endpoint: string): Promise<void> {
      await remove(actor, await repository.findByEndpoint(endpoint));
    },

    /** Removes a device from the account page's list; 404 unless it is the actor's. */
    async removeDevice(actor: Actor, id: string): Promise<void> {
      await remove(actor, isUuid(id) ? await repository.findById(id) : undefined);
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;
