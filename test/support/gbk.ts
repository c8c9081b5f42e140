// Text in GBK, for parts that declare it: Node has a GBK decoder but no encoder, so its table is read backwards.
let table: Map<string, number[]> | null = null;

export function gbk(text: string): Uint8Array<ArrayBuffer> {
  if (!table) {
    table = new Map();
    const d = new TextDecoder("gbk");
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        const ch = d.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out.push(c);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`not in GBK: ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}
