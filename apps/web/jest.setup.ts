import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

// The app bootstraps without zone.js (provideZonelessChangeDetection is Angular 21's default): test it the same way.
setupZonelessTestEnv();
