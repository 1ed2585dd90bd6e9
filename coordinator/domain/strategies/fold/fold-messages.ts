/** One slice for the fold thread: the columns and the sums live in shared memory, so nothing is copied either way. */
export interface FoldRequest {
  columns: SharedArrayBuffer[];
  sums: SharedArrayBuffer;
  width: number;
  weights: number[];
  total: number;
}

/** The slice is folded (sums hold the mean), or the fold failed with this message. */
export interface FoldReply {
  error?: string;
}
