/** Chinese text with the full-width punctuation throughout: an ASCII comma, semicolon or colon after a CJK
 * character or a closing bracket/number inside Chinese prose becomes ，；： (diagnostics mix the two). */
export const fullWidth = (text: string) =>
  text.replace(/([\u4e00-\u9fa5\d)）”"%])([,;:])(?=[\u4e00-\u9fa5“"（(])/g, (_m, before: string, p: string) => {
    const wide: Record<string, string> = { ',': '，', ';': '；', ':': '：' };
    return before + wide[p]!;
  });
