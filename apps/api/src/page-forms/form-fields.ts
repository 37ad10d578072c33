import type { PostedForm } from '@conduit/contract';
import type { NewArticleDto } from '../articles/dto/create-article.dto';
import { fingerprintOf } from '../articles/idempotency/idempotency-keys';
import { parseIdempotencyKey } from '../articles/idempotency/idempotency-key.decorator';

/** A parsed form body (page-form-body.ts): a field is a string, or an array when it was repeated. */
export type FormBody = Readonly<Record<string, string | string[] | undefined>>;

/** Fields never sent back to the page: a password stays out of every answer. */
const SECRET_FIELDS = new Set(['password']);

const field = (form: FormBody, name: string) => (Object.hasOwn(form, name) ? form[name] : undefined);

/** A text field as the app's own submit handlers send it: trimmed. A repeated one stays an array, for the DTO to refuse. */
function text(form: FormBody, name: string): string | string[] | undefined {
  const value = field(form, name);
  return typeof value === 'string' ? value.trim() : value;
}

/** A field the API clears with null: absent stays absent (unchanged), empty clears it. */
function clearable(form: FormBody, name: string): string | string[] | null | undefined {
  const value = text(form, name);
  return value === '' ? null : value;
}

/** A checkbox: browsers send `on` when it is ticked and nothing when not; anything else goes to the DTO's check as it came. */
function checkbox(form: FormBody, name: string): boolean | string | string[] {
  const value = field(form, name);
  return value === undefined ? false : value === 'on' ? true : value;
}

/**
 * The editor's tags: one hidden `tagList` field per tag already chosen, and the tag field's own text, which
 * without the app's script holds the new ones separated by commas. Neither present: the tags are not touched.
 */
function tagList(form: FormBody): unknown[] | undefined {
  const chosen = field(form, 'tagList');
  const typed = field(form, 'tags');
  if (chosen === undefined && typed === undefined) return undefined;
  const fromText = typeof typed === 'string' ? typed.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '') : typed === undefined ? [] : [typed];
  return [...new Set([...([] as unknown[]).concat(chosen ?? []), ...fromText])];
}

/** The bodies of the JSON API, made from the fields of the app's forms: the same DTOs then validate them. */
export const loginBody = (form: FormBody) => ({ user: { email: text(form, 'email'), password: field(form, 'password') } });

export const registrationBody = (form: FormBody) => ({
  user: { username: text(form, 'username'), email: text(form, 'email'), password: field(form, 'password') },
});

/** An empty password field keeps the password, as in the app. */
export function settingsBody(form: FormBody) {
  const password = field(form, 'password');
  return {
    user: {
      image: clearable(form, 'image'),
      username: text(form, 'username'),
      bio: clearable(form, 'bio'),
      email: text(form, 'email'),
      showAsReading: checkbox(form, 'showAsReading'),
      ...(password === undefined || password === '' ? {} : { password }),
    },
  };
}

export const articleBody = (form: FormBody) => ({
  article: { title: text(form, 'title'), description: text(form, 'description'), body: field(form, 'body'), tagList: tagList(form) },
});

/**
 * The `Idempotency-Key` of a new article posted natively: the editor page's own random key (a hidden field),
 * with the article's fingerprint, so a double click on "Publish Article" creates one article, and the same
 * page sent again with other text (the form restored by the back button) creates another rather than a 422.
 */
export function creationKey(form: FormBody, article: NewArticleDto): string | undefined {
  const pageKey = parseIdempotencyKey(field(form, 'idempotencyKey'));
  return pageKey === undefined ? undefined : `${pageKey.slice(0, 40)}:${fingerprintOf(article).slice(0, 16)}`;
}

export const commentBody = (form: FormBody) => ({ comment: { body: text(form, 'body') } });

/** What the reader posted, to fill the form again: text fields as typed, never a secret, nothing but strings. */
export function postedValues(form: unknown): PostedForm['values'] {
  const values: PostedForm['values'] = {};
  if (typeof form !== 'object' || form === null) return values;
  for (const [name, value] of Object.entries(form)) {
    if (SECRET_FIELDS.has(name)) continue;
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) values[name] = value;
  }
  return values;
}
