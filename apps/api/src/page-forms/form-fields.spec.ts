import { articleBody, postedValues, settingsBody } from './form-fields';

describe('page form fields', () => {
  it('makes the settings body the app sends: trimmed texts, empty clears, an unticked box is false, an empty password keeps it', () => {
    expect(settingsBody({ image: ' ', username: ' ann ', bio: '', email: 'a@b.c', password: '' })).toEqual({
      user: { image: null, username: 'ann', bio: null, email: 'a@b.c', showAsReading: false },
    });
    expect(settingsBody({ showAsReading: 'on', password: 'a new password' }).user).toEqual({
      image: undefined, username: undefined, bio: undefined, email: undefined, showAsReading: true, password: 'a new password',
    });
  });

  it('hands a repeated field or an odd checkbox value to the DTO as it came, for its type check to refuse', () => {
    expect(settingsBody({ email: ['a@b.c', 'd@e.f'], showAsReading: 'yes' }).user).toMatchObject({ email: ['a@b.c', 'd@e.f'], showAsReading: 'yes' });
  });

  it("takes the editor's chosen tags and the comma-separated text of its tag field, once each; neither leaves the tags alone", () => {
    expect(articleBody({ tagList: ['a', 'b'], tags: ' b, c ,, ' }).article.tagList).toEqual(['a', 'b', 'c']);
    expect(articleBody({ tagList: 'a' }).article.tagList).toEqual(['a']);
    expect(articleBody({ title: 't' }).article.tagList).toBeUndefined();
  });

  it('sends back what was typed, strings only, never a password', () => {
    expect(postedValues({ email: 'a@b.c', password: 'secret', tagList: ['a', 'b'], odd: [['x']] })).toEqual({ email: 'a@b.c', tagList: ['a', 'b'] });
    expect(postedValues(undefined)).toEqual({});
  });
});
