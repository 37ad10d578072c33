import type { Article, Comment } from '@conduit/contract';
import type { Account } from '../support/realworld-client';

/** REST calls the browser suites make as "the other reader", beside the page under test. */
export async function callApi<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Token ${token}`;
  const res = await fetch(`${baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} /api${path} answered ${res.status}: ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const postComment = async (baseUrl: string, who: Account, slug: string, body: string) =>
  (await callApi<{ comment: Comment }>(baseUrl, 'POST', `/articles/${slug}/comments`, who.token, { comment: { body } })).comment;

export const deleteComment = (baseUrl: string, who: Account, slug: string, id: number) =>
  callApi(baseUrl, 'DELETE', `/articles/${slug}/comments/${id}`, who.token);

export const favorite = async (baseUrl: string, who: Account, slug: string) =>
  (await callApi<{ article: Article }>(baseUrl, 'POST', `/articles/${slug}/favorite`, who.token)).article;

export const updateArticle = async (baseUrl: string, who: Account, slug: string, changes: Partial<Article>) =>
  (await callApi<{ article: Article }>(baseUrl, 'PUT', `/articles/${slug}`, who.token, { article: changes })).article;

export const deleteArticle = (baseUrl: string, who: Account, slug: string) => callApi(baseUrl, 'DELETE', `/articles/${slug}`, who.token);

export const follow = (baseUrl: string, who: Account, username: string) =>
  callApi(baseUrl, 'POST', `/profiles/${username}/follow`, who.token);
