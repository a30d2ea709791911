import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting, for the audit log. `system` for start-up work such as seeding. */
export interface Actor {
  userId: string | null;
  username: string;
}

export interface RequestContext {
  requestId: string;
  actor?: Actor;
  ip?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system' };

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function currentActor(): Actor {
  return storage.getStore()?.actor ?? SYSTEM_ACTOR;
}

export function setActor(actor: Actor): void {
  const store = storage.getStore();
  if (store) store.actor = actor;
}
