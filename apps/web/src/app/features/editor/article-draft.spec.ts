import { draftKey, parseDraft, sameDraft } from './article-draft';

const draft = { title: 'T', description: 'D', body: 'B', tagList: ['a', 'b'] };

describe('article drafts', () => {
  it('keeps one draft per writer: the new article, and each article being edited', () => {
    const keys = [draftKey('ann', undefined), draftKey('ann', 'one'), draftKey('ann', 'two'), draftKey('bob', undefined)];
    expect(new Set(keys).size).toBe(4);
    // A name or slug cannot reach into another writer's key.
    expect(draftKey('ann:edit', 'x')).not.toBe(draftKey('ann', 'edit:x'));
  });

  it('compares every field, tags in order', () => {
    expect(sameDraft(draft, { ...draft, tagList: ['a', 'b'] })).toBe(true);
    expect(sameDraft(draft, { ...draft, body: 'B ' })).toBe(false);
    expect(sameDraft(draft, { ...draft, tagList: ['b', 'a'] })).toBe(false);
    expect(sameDraft(draft, { ...draft, tagList: ['a'] })).toBe(false);
  });

  it('reads back a draft of the exact shape, as a copy', () => {
    const stored = JSON.parse(JSON.stringify(draft));
    const read = parseDraft(stored);
    expect(read).toEqual(draft);
    expect(read?.tagList).not.toBe(stored.tagList);
  });

  it.each([
    ['nothing', null],
    ['a string', 'draft'],
    ['an array', [draft]],
    ['a missing field', { title: 'T', description: 'D', tagList: [] }],
    ['a number for a title', { ...draft, title: 1 }],
    ['tags that are not a list', { ...draft, tagList: 'a,b' }],
    ['a tag that is not text', { ...draft, tagList: ['a', { toString: 'x' }] }],
    ['too many tags', { ...draft, tagList: Array.from({ length: 101 }, (_, i) => `t${i}`) }],
    ['a body past a megabyte', { ...draft, body: 'x'.repeat(1_000_001) }],
  ])('refuses %s', (_case, stored) => expect(parseDraft(stored)).toBeNull());
});
