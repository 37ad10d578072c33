// The comparison server for writes: the seed's design done well. `node:http` plus better-sqlite3
// (or `pg` with DATABASE_URL) plus `ws`: POST /api/articles inserts the row, then serializes the
// change once and sends it to every subscribed socket. No auth, no validation, no outbox, no
// commit-order promise, no replay. It answers POST /api/users with a token so the bench's writer
// drives it exactly as it drives the app, and speaks our subscribe/change frames on /ws.
const { createServer } = require('node:http');
const { join } = require('node:path');
const { WebSocketServer } = require('ws');
const { acceptSubscribers } = require('./subscribers.cjs');

const SCHEMA = 'CREATE TABLE IF NOT EXISTS article (id INTEGER PRIMARY KEY AUTOINCREMENT, slug TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL)';

function sqliteStore(dir) {
  const Database = require('better-sqlite3');
  const db = new Database(join(dir, 'comparison.sqlite'));
  // The app's own settings (data-files: WAL, synchronous=NORMAL), so the disk costs the same.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT INTO article (slug, title, description, body, created_at) VALUES (?, ?, ?, ?, ?)');
  return { insert: async (row) => Number(insert.run(row.slug, row.title, row.description, row.body, row.createdAt).lastInsertRowid) };
}

async function postgresStore(url, schema) {
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
  await pool.query(SCHEMA.replace('INTEGER PRIMARY KEY AUTOINCREMENT', 'SERIAL PRIMARY KEY'));
  return {
    insert: async (row) =>
      (await pool.query('INSERT INTO article (slug, title, description, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id', [row.slug, row.title, row.description, row.body, row.createdAt])).rows[0].id,
  };
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString()));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

async function main() {
  const store = process.env.DATABASE_URL ? await postgresStore(process.env.DATABASE_URL, process.env.DATABASE_SCHEMA ?? 'public') : sqliteStore(process.env.DATA_DIR);
  const server = createServer(async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/api/users') {
        const { user } = await readJson(req);
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ user: { ...user, password: undefined, token: 'comparison', bio: null, image: null } }));
      } else if (req.method === 'POST' && req.url === '/api/articles') {
        const { article } = await readJson(req);
        const createdAt = new Date().toISOString();
        const row = { ...article, slug: `${article.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`, createdAt };
        const id = await store.insert(row);
        const data = { slug: row.slug, title: row.title, description: row.description, body: row.body, tagList: [], createdAt, updatedAt: createdAt, favorited: false, favoritesCount: 0, author: { username: 'writer', bio: null, image: null, following: false } };
        const frame = Buffer.from(JSON.stringify({ event: 'change', data: { topic: 'articles', cursor: String(id), type: 'created', entity: 'article', key: row.slug, data } }));
        for (const socket of subscribers) socket.send(frame, { binary: false });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ article: data }));
      } else {
        res.writeHead(404).end();
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  const subscribers = acceptSubscribers(new WebSocketServer({ server, path: '/ws' }));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => process.stdout.write(`listening on http://localhost:${server.address().port}\n`));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
