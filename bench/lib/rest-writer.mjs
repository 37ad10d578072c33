/** A user registered for the occasion, who writes articles over the REST API to seed a scenario. */
export async function restWriter(baseUrl, prefix) {
  const post = async (path, body, token) => {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };
  const name = `${prefix}${Date.now()}`;
  const { user } = await post('/users', { user: { username: name, email: `${name}@bench.example`, password: 'benchmark password' } });
  return { postArticle: (article) => post('/articles', { article }, user.token) };
}
