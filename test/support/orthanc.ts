import http from 'node:http';

/**
 * The Orthanc PACS that .ci/run starts (scripts/orthanc-test-server.sh), as
 * its variables name it; null where it is not running. In CI its absence is a
 * failure, never a skip.
 */
export interface TestPacs {
  /** Orthanc's REST root; DICOMweb is under /dicom-web. */
  url: string;
  user: string;
  password: string;
}

export function testPacs(): TestPacs | null {
  const url = process.env['CONSILIUM_ORTHANC_URL'];
  if (!url) {
    if (process.env['CI']) throw new Error('CONSILIUM_ORTHANC_URL is not set: .ci/run starts Orthanc and sets it');
    return null;
  }
  return { url, user: process.env['CONSILIUM_ORTHANC_USER'] ?? 'consilium', password: process.env['CONSILIUM_ORTHANC_PASSWORD'] ?? '' };
}

/** Stores one DICOM file in the PACS through its REST API, as a modality's C-STORE would; returns Orthanc's answer. */
export async function storeInPacs(pacs: TestPacs, bytes: Uint8Array): Promise<{ status: number; body: string }> {
  const response = await fetch(`${pacs.url}/instances`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${pacs.user}:${pacs.password}`).toString('base64')}`, 'content-type': 'application/dicom' },
    body: bytes,
  });
  return { status: response.status, body: await response.text() };
}

export type PacsFault = 'none' | 'down' | 'http-503' | 'slow' | 'truncated' | 'malformed' | 'capped';

/**
 * An HTTP proxy in front of the PACS that breaks what the tests tell it to:
 * refuses connections' answers (the socket is destroyed), answers 503, stalls,
 * cuts a body short, mangles its multipart framing, or says it capped its results. `faults` is consumed
 * one per request; `always` applies once it is empty. Every request's path is
 * logged, so a test can say what was fetched.
 */
export class FaultyPacsProxy {
  private readonly server: http.Server;
  readonly requests: string[] = [];
  faults: PacsFault[] = [];
  always: PacsFault = 'none';
  /** Faults apply only to requests whose path matches (all, by default); the rest pass. */
  matching = /(?:)/;
  /** How long a "slow" answer stalls before it starts. */
  stallMs = 5_000;
  port = 0;

  constructor(private readonly target: string) {
    this.server = http.createServer((request, response) => void this.handle(request, response));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    this.requests.push(request.url ?? '');
    const fault = this.matching.test(request.url ?? '') ? (this.faults.shift() ?? this.always) : 'none';
    if (fault === 'down') return void request.socket.destroy();
    if (fault === 'http-503') return void response.writeHead(503).end('busy');
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, this.stallMs));
    const upstream = await fetch(`${this.target}${request.url}`, {
      headers: Object.fromEntries(Object.entries(request.headers).filter(([k]) => k === 'accept' || k === 'authorization')) as Record<string, string>,
    }).catch(() => null);
    if (!upstream) return void request.socket.destroy();
    const body = Buffer.from(await upstream.arrayBuffer());
    const headers: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' };
    if (fault === 'truncated') {
      // The declared length is the whole body; the connection dies half-way.
      response.writeHead(upstream.status, { ...headers, 'content-length': String(body.length) });
      response.write(body.subarray(0, body.length >> 1));
      return void setTimeout(() => request.socket.destroy(), 20);
    }
    // A PACS that caps its answers says so (PS3.18 8.3.4.3).
    if (fault === 'capped') headers['warning'] = '299 orthanc "The number of results exceeded the maximum supported by the server"';
    const sent = fault === 'malformed' ? Buffer.from(body.toString('latin1').replace(/--[0-9a-f-]{20,}--/, '--'), 'latin1') : body;
    response.writeHead(upstream.status, { ...headers, 'content-length': String(sent.length) }).end(sent);
  }
}
