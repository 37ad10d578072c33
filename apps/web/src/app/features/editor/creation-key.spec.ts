import { CreationKey } from './creation-key';

const article = (title: string) => ({ title, description: 'about', body: 'text', tagList: ['a'] });

describe('CreationKey', () => {
  it('gives the same key while the same article is submitted again', () => {
    const keys = new CreationKey();
    expect(keys.for(article('One'))).toBe(keys.for(article('One')));
  });

  it('gives a new key once the article changed, in the shape the API accepts', () => {
    const keys = new CreationKey();
    const first = keys.for(article('One'));
    const second = keys.for(article('Two'));
    expect(second).not.toBe(first);
    expect(second).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
  });
});
