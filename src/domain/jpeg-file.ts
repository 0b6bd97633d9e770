/**
 * The structure of a JPEG file (ITU T.81 annex B): its marker segments in order, its frame's size
 * and its scans. Read strictly, because a reader that skips what it does not understand can be
 * made to see a different image than the decoder does.
 */

/** One marker segment, from its marker to the end of its payload (for a scan: of its image data). */
export interface JpegSegment {
  marker: number;
  /** The 0xFF of the marker itself; fill bytes before it belong to no segment. */
  start: number;
  end: number;
}

export interface JpegFile {
  width: number;
  height: number;
  /** Where the image ends: after EOI, or at the end of the data when EOI is missing. */
  end: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/** TEM, RST0–RST7 and SOI stand alone: no length follows them. */
const standsAlone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= SOI);

/** SOF0–SOF15 carry the frame's size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isFrameHeader = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * Where the entropy-coded data from `from` ends: at the first marker that is neither a stuffed
 * zero (FF 00) nor a restart marker, at the first of any fill bytes before it.
 */
function endOfScanData(bytes: Uint8Array, from: number): number {
  let i = bytes.indexOf(0xff, from);
  while (i !== -1) {
    let at = i + 1;
    while (bytes[at] === 0xff) at++;
    const next = bytes[at];
    if (next === undefined) break; // fill bytes up to the end: no marker follows
    if (next !== 0x00 && (next < 0xd0 || next > 0xd7)) return i;
    // A stuffed zero or a restart marker: the data goes on. Data made of FF 00 pairs would cost a
    // call of indexOf per pair, so the byte after is looked at first.
    i = bytes[at + 1] === 0xff ? at + 1 : bytes.indexOf(0xff, at + 1);
  }
  return bytes.length;
}

/**
 * The frame size of a JPEG, or null when it is not a well-formed one: no SOI, a byte other than a
 * marker between segments, a reserved marker, a length that leaves the data, no frame header, more
 * than one, a frame of zero width or height (its height would come later, in a DNL segment), a scan
 * before the frame or no image data after the first scan. Fill bytes (extra 0xFF before a marker,
 * T.81 B.1.1.2) are skipped; EOI may be missing, since a scan's data runs to the end of the file then.
 *
 * `onSegment` sees each segment in order, as it is read: SOI, every segment with a length (a scan
 * with its image data) and EOI. The markers that stand alone between segments (TEM, RST0–RST7
 * outside a scan, a repeated SOI) mean nothing there and are skipped like fill bytes. Nothing is
 * kept per segment, so a 10 MB file of five million two-byte markers costs no memory. Segments are
 * seen before the file is known to be whole, so a caller uses what it gathered only when the
 * answer is not null.
 *
 * @example
 * readJpeg(photoBytes); // { width: 1600, height: 1200, end: 84211 }
 * readJpeg(photoBytes, (s) => markers.push(s.marker)); // markers: [0xd8, 0xe0, 0xdb, 0xc0, 0xc4, 0xda, 0xd9]
 * readJpeg(new TextEncoder().encode("\xff\xd8<html>")); // null
 */
export function readJpeg(bytes: Uint8Array, onSegment?: (segment: JpegSegment) => void): JpegFile | null {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  onSegment?.({ marker: SOI, start: 0, end: 2 });
  let frame: { width: number; height: number } | null = null;
  let scanned = false;
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    while (bytes[i + 1] === 0xff) i++;
    if (i + 1 >= bytes.length) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0x00 || (marker >= 0x02 && marker <= 0xbf)) return null;
    if (marker === EOI) {
      onSegment?.({ marker, start: i, end: i + 2 });
      i += 2;
      break;
    }
    if (standsAlone(marker)) {
      i += 2;
      continue;
    }
    if (i + 4 > bytes.length) return null;
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    let end = i + 2 + length;
    if (length < 2 || end > bytes.length) return null;
    if (isFrameHeader(marker)) {
      const components = bytes[i + 9] ?? 0;
      if (frame || length < 8 || components === 0 || length !== 8 + 3 * components) return null;
      const height = ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0);
      const width = ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0);
      if (width === 0 || height === 0) return null;
      frame = { width, height };
    } else if (marker === SOS) {
      const components = bytes[i + 4] ?? 0;
      if (!frame || components === 0 || components > 4 || length !== 6 + 2 * components) return null;
      const dataEnd = endOfScanData(bytes, end);
      if (!scanned && dataEnd === end) return null;
      scanned = true;
      end = dataEnd;
    }
    onSegment?.({ marker, start: i, end });
    i = end;
  }
  if (!frame || !scanned) return null;
  return { ...frame, end: i };
}
