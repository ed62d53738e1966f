/**
 * Hand-built zip archives for the reader's hostile cases: a central directory
 * of `count` entries that may all point at one local header, with ZIP64 end
 * records when the count needs them.
 */
export type CraftedZip = { count: number; shareOneHeader: boolean; nameBytes?: number };

export function craftedZip({ count, shareOneHeader, nameBytes = 4 }: CraftedZip): Uint8Array {
  const content = new TextEncoder().encode("x = 1\n");
  const name = (i: number) => new TextEncoder().encode(nameBytes === 0 ? "" : i.toString(36).padStart(nameBytes, "0").slice(-nameBytes));
  const locals = shareOneHeader ? 1 : count;
  const localSize = (i: number) => 30 + name(i).length + content.length;
  let localTotal = 0;
  for (let i = 0; i < locals; i++) localTotal += localSize(i);
  const centralSize = (i: number) => 46 + name(i).length;
  let directorySize = 0;
  for (let i = 0; i < count; i++) directorySize += centralSize(i);
  const zip64 = count >= 0xffff;
  const bytes = new Uint8Array(localTotal + directorySize + (zip64 ? 56 + 20 : 0) + 22);
  const view = new DataView(bytes.buffer);
  const offsets: number[] = [];
  let at = 0;
  for (let i = 0; i < locals; i++) {
    const n = name(i);
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint32(at + 18, content.length, true);
    view.setUint32(at + 22, content.length, true);
    view.setUint16(at + 26, n.length, true);
    bytes.set(n, at + 30);
    bytes.set(content, at + 30 + n.length);
    at += localSize(i);
  }
  const directoryOffset = at;
  for (let i = 0; i < count; i++) {
    const n = name(i);
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, (3 << 8) | 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint32(at + 20, content.length, true);
    view.setUint32(at + 24, content.length, true);
    view.setUint16(at + 28, n.length, true);
    view.setUint32(at + 38, (0o100644 << 16) >>> 0, true);
    view.setUint32(at + 42, offsets[shareOneHeader ? 0 : i], true);
    bytes.set(n, at + 46);
    at += centralSize(i);
  }
  if (zip64) {
    const record = at;
    view.setUint32(at, 0x06064b50, true);
    view.setBigUint64(at + 4, 44n, true);
    view.setBigUint64(at + 24, BigInt(count), true);
    view.setBigUint64(at + 32, BigInt(count), true);
    view.setBigUint64(at + 40, BigInt(directorySize), true);
    view.setBigUint64(at + 48, BigInt(directoryOffset), true);
    at += 56;
    view.setUint32(at, 0x07064b50, true);
    view.setBigUint64(at + 8, BigInt(record), true);
    view.setUint32(at + 16, 1, true);
    at += 20;
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, zip64 ? 0xffff : count, true);
  view.setUint16(at + 10, zip64 ? 0xffff : count, true);
  view.setUint32(at + 12, zip64 ? 0xffffffff : directorySize, true);
  view.setUint32(at + 16, zip64 ? 0xffffffff : directoryOffset, true);
  return bytes;
}
