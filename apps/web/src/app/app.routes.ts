import type { Routes } from '@angular/router';
import { signedInOnly, signedOutOnly } from './core/auth/auth.guards';
import { FRESH_PER_PARAMS } from './core/navigation/fresh-per-params.strategy';
import { confirmUnsavedChanges } from './features/editor/unsaved-changes.guard';

/**
 * A list's previews hydrate from `@defer` blocks (features/articles/article-list.ts), which makes their code a
 * chunk of its own. It comes with the page's: a block must never wait on the network once the page is up,
 * nor fail there (Angular would drop the server's markup of every preview, and the clicks replayed to them),
 * and a chunk that fails with the page is the router's to recover (ChunkLoadRecovery).
 */
const withPreviews = <T>(page: Promise<T>): Promise<T> => Promise.all([page, import('./shared/article-preview')]).then(([loaded]) => loaded);

const home = () => withPreviews(import('./features/home/home.page').then((m) => m.HomePage));
const auth = () => import('./features/auth/auth.page').then((m) => m.AuthPage);
const editor = () => import('./features/editor/editor.page').then((m) => m.EditorPage);
const profile = () => withPreviews(import('./features/profile/profile.page').then((m) => m.ProfilePage));

/**
 * The routes of the RealWorld front-end spec (frontend-routing.md, frontend-e2e-selectors.md). The pages
 * for one kind of reader run their guards again when another tab signs in or out (Session).
 */
export const routes: Routes = [
  { path: '', pathMatch: 'full', loadComponent: home, runGuardsAndResolvers: 'always' },
  { path: 'tag/:tag', loadComponent: home },
  { path: 'login', loadComponent: auth, data: { mode: 'login' }, canActivate: [signedOutOnly], runGuardsAndResolvers: 'always' },
  { path: 'register', loadComponent: auth, data: { mode: 'register' }, canActivate: [signedOutOnly], runGuardsAndResolvers: 'always' },
  { path: 'settings', loadComponent: () => import('./features/settings/settings.page').then((m) => m.SettingsPage), canActivate: [signedInOnly], runGuardsAndResolvers: 'always' },
  { path: 'editor', loadComponent: editor, canActivate: [signedInOnly], canDeactivate: [confirmUnsavedChanges], runGuardsAndResolvers: 'always' },
  { path: 'editor/:slug', loadComponent: editor, data: { [FRESH_PER_PARAMS]: true }, canActivate: [signedInOnly], canDeactivate: [confirmUnsavedChanges], runGuardsAndResolvers: 'always' },
  { path: 'article/:slug', loadComponent: () => import('./features/article/article.page').then((m) => m.ArticlePage) },
  { path: 'profile/:username', loadComponent: profile, data: { tab: 'author' } },
  { path: 'profile/:username/favorites', loadComponent: profile, data: { tab: 'favorited' } },
  { path: '**', loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage) },
];
