/**
 * What the API takes as a new password (registration, a password change). The web app shows these rules
 * before a submit, from the same numbers the API's validation uses, so the two cannot drift apart.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
