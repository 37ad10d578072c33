/** What the app tells delivery when an account changed, so that its open sockets check their token again. */
export abstract class LiveAccounts {
  /** The account was renamed or its tokens revoked: only its sockets are looked at. */
  abstract recheckUser(userId: string): Promise<void>;
  /** Changes were lost that may have changed any account: every signed-in socket checks again. */
  abstract recheckEveryUser(): Promise<void>;
}
