/**
 * A form the browser posted natively to its page (scripts off, or not yet running), which the server
 * refused: the page is rendered again with it, so the reader sees why and keeps what they typed.
 * `values` holds the non-secret fields only: a password is never sent back.
 */
export interface PostedForm {
  /** RealWorld's field-keyed errors (`{"email": ["can't be blank"]}`), as the JSON API answers them. */
  errors: Record<string, string[]>;
  values: Record<string, string | string[]>;
}
