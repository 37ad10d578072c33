import type { SettingKind } from './setting-kinds';

/** One environment variable of the schema (config-schema.ts). */
export interface Setting<T> {
  readonly kind: SettingKind<T>;
  /** Applies when the variable is unset or empty (`PORT= npm start` means the default); without one, the value is null. */
  readonly default?: T;
  /** What the README says of a variable that has no default to write (`generated`). */
  readonly whenUnset?: string;
  /** Markdown, one sentence: the README's meaning column and the comment in `.env.example`. */
  readonly description: string;
  /** A setting only tests may use, refused unless NODE_ENV=test: says what it is ("a test-only fault injection"). */
  readonly testOnly?: string;
}

/** The value a setting gives the typed config: null when it has no default and is unset. */
export type SettingValue<S> = S extends Setting<infer T> ? (S extends { default: unknown } ? T : T | null) : never;

type SettingSpec<T> = Omit<Setting<T>, 'kind'>;

export function setting<T>(kind: SettingKind<T>, spec: SettingSpec<NoInfer<T>> & { default: NoInfer<T> }): Setting<T> & { default: T };
export function setting<T>(kind: SettingKind<T>, spec: SettingSpec<NoInfer<T>>): Setting<T>;
export function setting<T>(kind: SettingKind<T>, spec: SettingSpec<T>): Setting<T> {
  return { kind, ...spec };
}
