import { describe, expect, it } from 'vitest';
import { utf8WithBom } from '../../src/output/utf8-bom.js';

describe('utf8WithBom', () => {
  it('gives the UTF-8 bytes of the text after a byte-order mark, as encoding "\\uFEFF" + text would', () => {
    for (const text of ['', 'date,metric\r\n2025-04-30,in_care\r\n', 'Anytown £600,000 \u2264 80', 'emoji \u{1F600} end']) {
      const bytes = utf8WithBom(text);
      expect(Buffer.from(bytes).equals(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe(true);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
  });
});
