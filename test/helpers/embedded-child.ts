// A separate process that opens the embedded server on a folder, writes a row, says READY and waits to be killed.
import { openStore } from '../../src/store/database.js';

const dir = process.argv[2]!;
try {
  const store = await openStore({ dataDir: dir });
  await store.pool.query('CREATE TABLE IF NOT EXISTS crash_probe (n int)');
  await store.pool.query('INSERT INTO crash_probe VALUES (1)');
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
