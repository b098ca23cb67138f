import type { Tx } from './transaction.js';

export async function insertImport(
  tx: Tx,
  regionCode: string,
  i: {
    kind: string;
    fileName: string;
    fileSha256: string;
    rowCount: number;
    actor: string;
    adjustmentId?: string;
    publishedOn?: string;
  },
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO imports (region_code, kind, file_name, file_sha256, row_count, actor, adjustment_id, published_on)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [regionCode, i.kind, i.fileName, i.fileSha256, i.rowCount, i.actor, i.adjustmentId ?? null, i.publishedOn ?? null],
  );
  return r.rows[0]!.id;
}

/** A streamed import learns its row count at the end. */
export async function setImportRowCount(tx: Tx, regionCode: string, importId: number, rows: number): Promise<void> {
  await tx.query('UPDATE imports SET row_count = $3 WHERE region_code = $1 AND id = $2', [regionCode, importId, rows]);
}

/** An import recorded as an adjustment (a baseline) learns the adjustment's id once it is written. */
export async function setImportAdjustment(tx: Tx, regionCode: string, importId: number, adjustmentId: string) {
  await tx.query('UPDATE imports SET adjustment_id = $3 WHERE region_code = $1 AND id = $2', [
    regionCode,
    importId,
    adjustmentId,
  ]);
}
