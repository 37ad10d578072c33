import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';
import { provideClientHydration, withEventReplay, withHttpTransferCacheOptions } from '@angular/platform-browser';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { STREAM_CURSOR_HEADER } from '@conduit/contract';
import { provideLiveClient } from '@conduit/live-angular';
import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withFetch()),
    // The browser reuses the server's answers, cursor header included, instead of fetching them again.
    provideClientHydration(withEventReplay(), withHttpTransferCacheOptions({ includeHeaders: [STREAM_CURSOR_HEADER] })),
    provideLiveClient(),
  ],
};
