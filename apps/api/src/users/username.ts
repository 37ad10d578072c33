import { applyDecorators } from '@nestjs/common';
import { MaxLength, ValidateBy } from 'class-validator';

/**
 * Letters of any script, digits, `_`, `-`, and inner `.`; combining marks after the first character
 * (scripts such as Devanagari need them). Nothing a path or a URL reads: no `/`, `%`, `\`, spaces,
 * controls or format characters (bidi overrides), and no leading or trailing dot, so neither `.` nor
 * `..` nor a hidden-file name. A profile URL `/profile/<name>` always names the profile.
 */
export const USERNAME_PATTERN = /^[\p{L}\p{N}_-](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_-])?$/u;
export const USERNAME_RULE = 'may only hold letters, digits, "_", "." and "-", and may not start or end with "."';
export const USERNAME_MAX_LENGTH = 64;
/** NFKC can lengthen a name (a ligature, `ß`): the key column leaves room. */
export const USERNAME_KEY_MAX_LENGTH = 255;

/**
 * What two usernames must not share: NFKC (fullwidth `ａｌｉｃｅ` is `alice`, `ﬁ` is `fi`), then case
 * folding. JavaScript has no full case fold; upper- then lower-casing is the usual stand-in and also
 * folds `ß` with `ss` and final `ς` with `σ`. NFKC again, since case mapping can denormalise.
 */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** A username that keeps the pattern once normalised too: `⒈` is a digit, but NFKC makes it `1.`. */
export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username) && USERNAME_PATTERN.test(username.normalize('NFKC')) && usernameKey(username).length <= USERNAME_KEY_MAX_LENGTH;
}

/** The username checks of registration and rename; like every DTO check, they run bottom-up. */
export function IsUsername(): PropertyDecorator {
  return applyDecorators(
    MaxLength(USERNAME_MAX_LENGTH, { message: `is too long (maximum is ${USERNAME_MAX_LENGTH} characters)` }),
    ValidateBy({ name: 'isUsername', validator: { validate: (value) => typeof value === 'string' && isValidUsername(value) } }, { message: USERNAME_RULE }),
  );
}
