import type { Routes } from '@angular/router';

export const routes: Routes = [
  { path: '', title: 'Conduit', loadComponent: () => import('./features/home/home.page').then((m) => m.HomePage) },
  { path: '**', redirectTo: '' },
];
