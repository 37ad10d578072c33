import { DOCUMENT } from '@angular/common';
import { CSP_NONCE, inject, mergeApplicationConfig, type ApplicationConfig } from '@angular/core';
import { BEFORE_APP_SERIALIZED } from '@angular/platform-server';
import { provideServerRendering, withRoutes } from '@angular/ssr';
import { appConfig } from './app.config';
import { serverRoutes } from './app.routes.server';
import { injectRenderContext } from './core/ssr/render-context';

/**
 * The event-dispatch contract script comes from the build's index.html, and Angular nonces only the replay
 * script it adds after it: the contract gets the render's nonce here, before the page is serialized.
 */
function nonceTheEventDispatchContract(): () => void {
  const document = inject(DOCUMENT);
  const nonce = inject(CSP_NONCE, { optional: true });
  return () => {
    if (nonce) document.getElementById('ng-event-dispatch-contract')?.setAttribute('nonce', nonce);
  };
}

export const serverConfig: ApplicationConfig = mergeApplicationConfig(appConfig, {
  providers: [
    provideServerRendering(withRoutes(serverRoutes)),
    // The event-replay scripts, component styles and (through the root's ngCspNonce) the critical CSS and its loader.
    { provide: CSP_NONCE, useFactory: () => injectRenderContext()?.cspNonce ?? null },
    { provide: BEFORE_APP_SERIALIZED, multi: true, useFactory: nonceTheEventDispatchContract },
  ],
});
