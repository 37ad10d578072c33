import { PageCache, type CachedPage } from './page-cache';

const page = (text: string): CachedPage => ({ status: 200, headers: [['content-type', 'text/html']], body: Buffer.from(text) });

describe('PageCache', () => {
  it('answers a stored page until the next change', () => {
    const cache = new PageCache();
    cache.store('/', page('home'), cache.currentGeneration);
    expect(cache.get('/')?.body.toString()).toBe('home');
    cache.invalidate();
    expect(cache.get('/')).toBeUndefined();
  });

  it('does not keep a page whose render was under way when a change arrived', () => {
    const cache = new PageCache();
    const renderStarted = cache.currentGeneration;
    cache.invalidate();
    cache.store('/', page('from before the change'), renderStarted);
    expect(cache.get('/')).toBeUndefined();
  });

  it('keeps nothing when disabled', () => {
    const cache = new PageCache();
    cache.enabled = false;
    cache.store('/', page('home'), cache.currentGeneration);
    expect(cache.get('/')).toBeUndefined();
  });

  it('drops the oldest page beyond its size', () => {
    const cache = new PageCache(2);
    for (const key of ['/a', '/b', '/c']) cache.store(key, page(key), cache.currentGeneration);
    expect([cache.get('/a'), cache.get('/b')?.body.toString(), cache.get('/c')?.body.toString()]).toEqual([undefined, '/b', '/c']);
  });
});
