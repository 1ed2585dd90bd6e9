/**
 * HTTP/2 flow-control window, per stream and per connection, on both ends
 * of the gRPC data plane: 4 MiB instead of Node's 64 KiB. With 64 KiB a
 * sender stops every 64 KiB until the receiver's WINDOW_UPDATE comes back,
 * so one transfer's speed is bounded by 64 KiB per round trip. Measured here
 * (one grpc-js upload of 256 MB over mTLS, 1 MiB messages): 263–382 MB/s
 * with 64 KiB, 386–664 with 1 MiB, 452–752 with 4 MiB, 464–732 with 8 MiB;
 * the 200-site load test ran 28 s per round with 64 KiB and 19 s with 4 MiB.
 * The window is also what a peer may send ahead per stream before it is
 * read: 4 MiB keeps that, times the streams open at once, affordable (the
 * load test's coordinator peaked at 640 MB instead of 500 MB), while it
 * still covers a 40 ms hospital link at about 800 Mbit/s.
 */
export const FLOW_CONTROL_WINDOW_BYTES = 4 * 1024 * 1024;
