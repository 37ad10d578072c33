/**
 * The pages whose forms the browser may post to natively (`<form method="post">`), before the app's
 * script has taken over or without it. Each form posts to its own page, so that a refused post is
 * answered with that page again, at the address the reader is on. Outside the `/api` prefix.
 */
export const PAGE_FORM_ROUTES = {
  login: 'login',
  register: 'register',
  settings: 'settings',
  newArticle: 'editor',
  editArticle: 'editor/:slug',
  comment: 'article/:slug',
} as const;
