export const OFFLINE_MESSAGE = 'You are offline. Check your connection and try again.';

/** True where the browser knows it has no network; never on the server, whose `navigator` has no `onLine`. */
export const browserIsOffline = (): boolean => globalThis.navigator?.onLine === false;

/** A RealWorld `{"errors": {"field": ["message"]}}` body (backend-error-handling.md), field by field. */
export function fieldErrors(failure: unknown): Record<string, string[]> {
  const { error } = (failure ?? {}) as { error?: unknown };
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!errors || typeof errors !== 'object') return {};
  return Object.fromEntries(
    Object.entries(errors as Record<string, unknown>).map(([field, messages]) => [
      field,
      (Array.isArray(messages) ? messages : [messages]).map((message) => String(message)),
    ]),
  );
}

/**
 * Human-readable lines from a failed RealWorld call, shown as "field message" the way the reference front
 * ends do; `except` leaves out the fields a form shows beside their own input. A call that reached no
 * server says whether the browser is offline, so an action never fails without saying why.
 */
export function errorMessages(failure: unknown, except: readonly string[] = []): string[] {
  const { status } = (failure ?? {}) as { status?: number };
  const fields = Object.entries(fieldErrors(failure));
  if (fields.length > 0) {
    return fields.filter(([field]) => !except.includes(field)).flatMap(([field, messages]) => messages.map((message) => `${field} ${message}`));
  }
  if (status === 0) return [browserIsOffline() ? OFFLINE_MESSAGE : 'The server could not be reached. Check your connection and try again.'];
  if (status === 401) return ['Your session has expired. Please sign in again.'];
  if (status === 403) return ['You are not allowed to do that.'];
  return ['Something went wrong. Please try again.'];
}
