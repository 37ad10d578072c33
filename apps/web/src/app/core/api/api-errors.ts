/**
 * Human-readable lines from a failed RealWorld call: the body is `{"errors": {"field": ["message"]}}`
 * (backend-error-handling.md), shown as "field message" the way the reference front ends do.
 */
export function errorMessages(failure: unknown): string[] {
  const { status, error } = (failure ?? {}) as { status?: number; error?: unknown };
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (errors && typeof errors === 'object') {
    const lines = Object.entries(errors as Record<string, unknown>).flatMap(([field, messages]) =>
      (Array.isArray(messages) ? messages : [messages]).map((message) => `${field} ${String(message)}`),
    );
    if (lines.length > 0) return lines;
  }
  if (status === 0) return ['The server could not be reached. Check your connection and try again.'];
  if (status === 401) return ['Your session has expired. Please sign in again.'];
  if (status === 403) return ['You are not allowed to do that.'];
  return ['Something went wrong. Please try again.'];
}
