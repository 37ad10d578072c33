import { createArticle, registerUser } from '../support/realworld-client';
import type { FuzzedServer } from './fuzzed-server';
import type { Fixtures } from './http-request.arbitrary';

/** Two readers, a few articles with a comment each: what generated requests name when they name something that exists. */
export async function createFixtures(server: FuzzedServer): Promise<Fixtures> {
  const [author, reader] = [await registerUser(server.baseUrl, 'fuzz'), await registerUser(server.baseUrl, 'fuzz')];
  const slugs: string[] = [];
  const commentIds: string[] = [];
  for (const title of ['first', 'second', 'third']) {
    const article = await createArticle(server.baseUrl, author, `Fuzzed ${title}`);
    slugs.push(article.slug);
    const res = await fetch(`${server.baseUrl}/api/articles/${article.slug}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${reader.token}` },
      body: JSON.stringify({ comment: { body: `on ${title}` } }),
    });
    if (!res.ok) throw new Error(`a fixture comment answered ${res.status}`);
    const { comment } = (await res.json()) as { comment: { id: number | string } };
    commentIds.push(String(comment.id));
  }
  return { host: `localhost:${server.port}`, tokens: [author.token, reader.token], usernames: [author.username, reader.username], slugs, commentIds };
}
