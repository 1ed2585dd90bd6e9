/** A frame a codec could not decode, with its reason; the file is skipped under it. */
export class FrameDecodeError extends Error {}
