import { randomBytes } from 'node:crypto';
import type { Article } from '@conduit/contract';

/** Just enough of a RealWorld client for suites that need accounts and articles as fixtures. */

export interface Account {
  username: string;
  email: string;
  token: string;
}

async function call<T>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Token ${token}`;
  const res = await fetch(`${baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} /api${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function registerUser(baseUrl: string, prefix = 'reader'): Promise<Account> {
  const username = `${prefix}_${randomBytes(4).toString('hex')}`;
  const email = `${username}@example.com`;
  const { user } = await call<{ user: { token: string } }>(baseUrl, 'POST', '/users', { user: { username, email, password: 'correct horse battery' } });
  return { username, email, token: user.token };
}

export async function createArticle(baseUrl: string, author: Account, title: string, tagList: string[] = ['live'], body = `# ${title}`): Promise<Article> {
  const { article } = await call<{ article: Article }>(baseUrl, 'POST', '/articles', { article: { title, description: `about ${title}`, body, tagList } }, author.token);
  return article;
}
