import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { inject, provideAppInitializer, provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';
import { provideClientHydration, withEventReplay, withHttpTransferCacheOptions, withIncrementalHydration } from '@angular/platform-browser';
import { RouteReuseStrategy, provideRouter, withComponentInputBinding, withInMemoryScrolling, withNavigationErrorHandler } from '@angular/router';
import { STREAM_CURSOR_HEADER } from '@conduit/contract';
import { provideLiveClient } from '@conduit/live-angular';
import { routes } from './app.routes';
import { notFoundTransferInterceptor } from './core/api/not-found-transfer.interceptor';
import { renderFailureInterceptor } from './core/api/render-failure.interceptor';
import { requestIdInterceptor } from './core/api/request-id.interceptor';
import { transferOnceInterceptor } from './core/api/transfer-once.interceptor';
import { authInterceptor } from './core/auth/auth.interceptor';
import { Session } from './core/auth/session';
import { ChunkLoadRecovery } from './core/navigation/chunk-load-recovery';
import { FreshPerParamsStrategy } from './core/navigation/fresh-per-params.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'enabled' }),
      withNavigationErrorHandler((error) => inject(ChunkLoadRecovery).handle(error)),
    ),
    { provide: RouteReuseStrategy, useClass: FreshPerParamsStrategy },
    provideHttpClient(withFetch(), withInterceptors([transferOnceInterceptor, notFoundTransferInterceptor, authInterceptor, requestIdInterceptor, renderFailureInterceptor])),
    // The browser reuses the server's answers, cursor header included, instead of fetching them again
    // (its 404s too: notFoundTransferInterceptor).
    // Signed-in answers too: they are the reader's own view, already in the page's HTML (which is sent
    // `Cache-Control: private, no-store`); the one answer holding the token, /api/user, opts out.
    provideClientHydration(
      withEventReplay(),
      withIncrementalHydration(),
      withHttpTransferCacheOptions({ includeHeaders: [STREAM_CURSOR_HEADER], includeRequestsWithAuthHeaders: true }),
    ),
    provideLiveClient(),
    // Who reads is settled before the first render, so the first paint is the reader's own view.
    provideAppInitializer(() => inject(Session).restore()),
  ],
};
