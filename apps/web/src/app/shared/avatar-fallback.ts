import { Directive, ElementRef, afterNextRender, inject } from '@angular/core';
import { DEFAULT_AVATAR } from './avatar';

/**
 * An avatar that does not load (a dead link, or an older http:// picture the page CSP blocks) shows the
 * default picture instead of a broken image.
 */
@Directive({
  selector: 'img[appAvatarFallback]',
  host: { '(error)': 'fallBack()' },
})
export class AvatarFallback {
  private readonly img: HTMLImageElement = inject(ElementRef).nativeElement;

  constructor() {
    // A server-rendered image may have failed before hydration attached the listener: `error` is not replayed.
    afterNextRender(() => {
      if (this.img.complete && this.img.naturalWidth === 0) this.fallBack();
    });
  }

  protected fallBack(): void {
    if (new URL(this.img.src, this.img.baseURI).pathname !== DEFAULT_AVATAR) this.img.src = DEFAULT_AVATAR;
  }
}
