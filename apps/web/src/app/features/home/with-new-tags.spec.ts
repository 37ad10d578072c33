import { withNewTags } from './with-new-tags';

describe('withNewTags', () => {
  it('adds the tags an article brings after the listed ones, once each', () => {
    expect(withNewTags(['angular', 'live'], ['rust', 'live', 'rust', 'go'])).toEqual(['angular', 'live', 'rust', 'go']);
  });

  it('answers the same list when the article brings nothing new, so nothing re-renders', () => {
    const tags = ['angular', 'live'];
    expect(withNewTags(tags, ['live'])).toBe(tags);
    expect(withNewTags(tags, [])).toBe(tags);
  });
});
