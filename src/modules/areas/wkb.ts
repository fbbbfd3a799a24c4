/**
 * GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): the "GP" header with flags, srs_id and an
 * optional envelope, then standard WKB. Only what areas are made of is read: Polygon and
 * MultiPolygon, 2D, Z, M or ZM (ISO codes 1003/2003/3003…, or EWKB's high bits), extra
 * dimensions dropped. Anything else comes back as a GeoJSON-like object the geometry check
 * refuses with its usual message ("geometry_type"). Small and dependency-free on purpose:
 * the npm WKB readers bring a Buffer polyfill and a far wider surface (decision 044).
 */
type Geometry = { type: string; coordinates?: unknown };

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export function readGpkgGeometry(blob: Uint8Array): Geometry | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return { type: "Invalid" };
  const flags = blob[3]!;
  if (flags & 0x10) return null; // empty geometry
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
  if (envelope === undefined) return { type: "Invalid" };
  try {
    return readWkb(new DataView(blob.buffer, blob.byteOffset + 8 + envelope, blob.length - 8 - envelope));
  } catch {
    return { type: "Invalid" };
  }
}

export function readWkb(view: DataView): Geometry {
  let offset = 0;
  const readHeader = () => {
    const little = view.getUint8(offset) === 1;
    let type = view.getUint32(offset + 1, little);
    offset += 5;
    let dims = 2;
    if (type & 0x80000000) dims++; // EWKB Z
    if (type & 0x40000000) dims++; // EWKB M
    if (type & 0x20000000) offset += 4; // EWKB SRID
    type &= 0x0fffffff;
    const iso = Math.floor(type / 1000);
    if (iso === 1 || iso === 2) dims = 3;
    if (iso === 3) dims = 4;
    return { little, base: type % 1000, dims };
  };
  const readPolygon = (little: boolean, dims: number) => {
    const rings: number[][][] = [];
    const nRings = view.getUint32(offset, little);
    offset += 4;
    for (let r = 0; r < nRings; r++) {
      const n = view.getUint32(offset, little);
      offset += 4;
      const ring: number[][] = [];
      for (let i = 0; i < n; i++) {
        ring.push([view.getFloat64(offset, little), view.getFloat64(offset + 8, little)]);
        offset += 8 * dims;
      }
      rings.push(ring);
    }
    return rings;
  };
  const head = readHeader();
  if (head.base === 3) return { type: "Polygon", coordinates: readPolygon(head.little, head.dims) };
  if (head.base === 6) {
    const n = view.getUint32(offset, head.little);
    offset += 4;
    const polygons: number[][][][] = [];
    for (let i = 0; i < n; i++) {
      const part = readHeader();
      if (part.base !== 3) return { type: "Invalid" };
      polygons.push(readPolygon(part.little, part.dims));
    }
    return { type: "MultiPolygon", coordinates: polygons };
  }
  return { type: `WKB${head.base}` };
}
