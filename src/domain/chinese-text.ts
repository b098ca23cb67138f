/** Chinese text as an official document writes it: dates in words, full-width punctuation. Pure. */

/** 2026-06-30 → 2026年6月30日 (月、日不编虚位). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/**
 * Typesets the plain-ASCII punctuation that findings and templates use into the full-width forms of an official
 * document: ,;:() and straight double quotes as “…” pairs. Decimal points stay.
 */
export function typeset(text: string): string {
  let open = true;
  return text
    .replace(/,(?!\d{3}\b)/g, '，')
    .replace(/;/g, '；')
    .replace(/:/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/"/g, () => {
      const q = open ? '“' : '”';
      open = !open;
      return q;
    });
}
