import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/**
 * The browser's localStorage, for what a reader keeps on this device (editor drafts). Nothing on the
 * server, where there is no storage; and a storage the browser refuses (disabled, full, private mode
 * with a zero quota) reads as empty and drops writes rather than throwing into the page.
 */
@Injectable({ providedIn: 'root' })
export class BrowserStorage {
  private readonly storage = storageOf(inject(DOCUMENT).defaultView);

  read(key: string): unknown {
    try {
      const raw = this.storage?.getItem(key);
      return raw == null ? null : JSON.parse(raw);
    } catch {
      return null;
    }
  }

  write(key: string, value: unknown): void {
    try {
      this.storage?.setItem(key, JSON.stringify(value));
    } catch {
      // Full or refused: the draft is only a comfort, the form still holds the text.
    }
  }

  remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // Refused: nothing was kept either.
    }
  }
}

function storageOf(view: Window | null): Storage | null {
  try {
    // Reading the property itself throws where storage is blocked (third-party contexts, some policies).
    return view?.localStorage ?? null;
  } catch {
    return null;
  }
}
