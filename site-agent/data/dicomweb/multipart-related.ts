/** A body that is not the multipart/related a WADO-RS server must send; the retrieval retries it like a 5xx. */
export class MalformedMultipart extends Error {}

export interface MultipartPart {
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The boundary of a `multipart/related; ...; boundary=...` content type, or why there is none. */
export function boundaryOf(contentType: string | null): string {
  if (!contentType || !/^\s*multipart\/related\s*(;|$)/i.test(contentType))
    throw new MalformedMultipart(`Content-Type is ${contentType ? `"${contentType}"` : 'absent'}, not multipart/related`);
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new MalformedMultipart(`Content-Type "${contentType}" names no boundary`);
  return boundary;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/**
 * The parts of a multipart/related body (RFC 2046 section 5.1, as DICOMweb's
 * PS3.18 section 8.7 uses it). Written here because Node's fetch parses only
 * multipart/form-data. A part that states its Content-Length must be
 * followed by the delimiter right after that many bytes; a body without its closing delimiter is
 * truncated, and refused, so a cut-off transfer never becomes a short file.
 */
export function parseMultipartRelated(body: Uint8Array, boundary: string): MultipartPart[] {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  let at = bytes.indexOf(delimiter);
  if (at < 0) throw new MalformedMultipart(`the body holds no "--${boundary}" delimiter`);
  const parts: MultipartPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (bytes[at] === 0x2d && bytes[at + 1] === 0x2d) return parts; // "--": the closing delimiter
    const headersEnd = bytes.indexOf(CRLF_CRLF, at);
    if (headersEnd < 0) throw new MalformedMultipart(`part ${parts.length + 1} has no end of headers (truncated body?)`);
    const headers: Record<string, string> = {};
    for (const line of bytes.toString('latin1', at, headersEnd).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const start = headersEnd + CRLF_CRLF.length;
    const closing = Buffer.concat([Buffer.from('\r\n'), delimiter]);
    const declared = headers['content-length'];
    // A stated length is trusted over a search: a binary body may, however unlikely, hold the delimiter's bytes.
    const next = declared !== undefined ? start + Number(declared) : bytes.indexOf(closing, start);
    if (!Number.isSafeInteger(next) || next < start || next + closing.length > bytes.length)
      throw new MalformedMultipart(`part ${parts.length + 1} ends past the body (declares Content-Length ${declared ?? 'none'}; truncated?)`);
    if (!bytes.subarray(next, next + closing.length).equals(closing))
      throw new MalformedMultipart(
        `part ${parts.length + 1} is not followed by its delimiter${declared !== undefined ? ` after its Content-Length ${declared}` : ''}`,
      );
    parts.push({ headers, body: body.subarray(start, next) });
    at = next + 2;
  }
}
