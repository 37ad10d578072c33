import { commentsTopic } from '@conduit/contract';
import { slugify, slugSuffix } from '../articles/slug';
import { COMMENTS_TOPIC_PATTERN } from './comment-topics';

describe('COMMENTS_TOPIC_PATTERN', () => {
  it.each([
    ['a plain title', 'How to train your dragon'],
    ['accents and CJK', 'Ça marche très bien — 日本語'],
    ['Cyrillic and digits', 'Привет 2025'],
    ['Arabic', 'مرحبا بالعالم'],
    ['only punctuation (the fallback slug)', '!!!'],
    ['the longest title', 'x'.repeat(1000)],
  ])('accepts the comments topic of every slug slugify makes: %s', (_case, title) => {
    expect(COMMENTS_TOPIC_PATTERN.test(commentsTopic(slugify(title)))).toBe(true);
    expect(COMMENTS_TOPIC_PATTERN.test(commentsTopic(`${slugify(title)}-${slugSuffix()}`))).toBe(true);
  });

  it.each([
    'articles',
    'feed',
    'articles//comments',
    'articles/x/comments/extra',
    'articles/x/comments/',
    'articles/a/b/comments',
    'articles/x/comment',
    'articles/a b/comments',
    'articles/a.b/comments',
    'articles/a%2Fb/comments',
    'articles/x/comments\n',
    '/articles/x/comments',
    `articles/${'a'.repeat(256)}/comments`,
  ])('refuses %j', (topic) => {
    expect(COMMENTS_TOPIC_PATTERN.test(topic)).toBe(false);
  });
});
