import * as v from 'valibot';

/**
 * A JSON object with these fields, for frames whose answer names the wrong field. valibot takes an
 * array for an object and reports a missing key with the object's message; the wire answers a missing
 * field with that field's own message, and an array with the object's.
 */
export function wireObject<const Entries extends v.ObjectEntries>(entries: Entries, message: string) {
  return v.object(entries, (issue) => {
    const parent = issue.path?.[0];
    if (!parent || Array.isArray(parent.input)) return message;
    const field = entries[parent.key as keyof Entries] as { message?: unknown };
    return typeof field.message === 'string' ? field.message : message;
  });
}
