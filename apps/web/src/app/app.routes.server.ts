import { RenderMode, type ServerRoute } from '@angular/ssr';

// Every page shows current data, so each request is rendered; nothing is prerendered at build time.
export const serverRoutes: ServerRoute[] = [{ path: '**', renderMode: RenderMode.Server }];
