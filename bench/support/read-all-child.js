// Reads the whole store once, in its own plain-node process (no TypeScript loader inflating RSS),
// using the compiled adapter from `npm run build`, and prints { rate, peakRssMb, count }.
const Database = require('better-sqlite3');
const { join } = require('node:path');
const { SqliteEventStore } = require(
  join(
    __dirname,
    '..',
    '..',
    'dist',
    'apps',
    'api',
    'libs',
    'event-store',
    'src',
    'adapters',
    'sqlite',
    'sqlite-event-store.js',
  ),
);

async function main(path, mode) {
  let peak = process.memoryUsage().rss;
  let count = 0;
  const sample = () => {
    if (count % 20000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  };
  const t = performance.now();
  if (mode === 'ours') {
    const store = SqliteEventStore.open({ path });
    for await (const event of store.readAll()) {
      if (event.position < 0) throw new Error('impossible');
      count += 1;
      sample();
    }
    await store.close();
  } else {
    const db = new Database(path, { readonly: true });
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      count += 1;
      sample();
    }
    db.close();
  }
  const seconds = (performance.now() - t) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ rate: count / seconds, peakRssMb: peak / 2 ** 20, count })}\n`);
}

main(process.argv[2], process.argv[3]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
