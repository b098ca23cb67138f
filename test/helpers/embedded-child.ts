// A separate process that opens the embedded server on a folder, writes a row, says READY and waits to be killed.
import { openStore } from '../../src/store/database.js';

const dir = process.argv[2]!;
try {
  const store = await openStore({ dataDir: dir });
  // one probe row per run (the application's role may write rows but not create tables)
  await store.pool.query(
    `INSERT INTO regions (region_code, name) SELECT (900000 + count(*))::text, '崩溃探针' FROM regions WHERE name = '崩溃探针'`,
  );
  console.log('READY');
  if (process.argv[3] === 'exit') {
    await store.close();
    process.exit(0);
  }
  setInterval(() => undefined, 1000);
} catch (e) {
  console.log(`FAILED ${(e as Error).message}`);
  process.exit(3);
}
