// dcmjs ships no types; this is the part of its API the de-identification uses (DicomMessage.readFile and write).
declare module 'dcmjs' {
  interface DicomFile {
    meta: Record<string, { vr: string; Value?: unknown[] }>;
    dict: Record<string, { vr: string; Value?: unknown[] }>;
    write(): ArrayBuffer;
  }
  const dcmjs: {
    data: { DicomMessage: { readFile(buffer: ArrayBuffer): DicomFile } };
    log: { setLevel(level: string): void };
  };
  export default dcmjs;
}
