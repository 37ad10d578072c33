import { pageCount, pageFromParam, visiblePages } from './pagination';

describe('pagination', () => {
  it.each([[undefined, 1], ['', 1], ['0', 1], ['-2', 1], ['2.5', 1], ['abc', 1], ['3', 3], ['1e3', 1]])(
    'reads ?page=%p as %p',
    (param, page) => expect(pageFromParam(param)).toBe(page),
  );

  it('counts at least one page', () => {
    expect([pageCount(0), pageCount(10), pageCount(11), pageCount(25, 5)]).toEqual([1, 1, 2, 5]);
  });

  it('shows every page when few, else the ends and a window around the current one', () => {
    expect(visiblePages(1, 3)).toEqual([1, 2, 3]);
    expect(visiblePages(10, 30)).toEqual([1, null, 8, 9, 10, 11, 12, null, 30]);
    expect(visiblePages(1, 30)).toEqual([1, 2, 3, null, 30]);
  });
});
