/**
 * HTTP/2 flow-control window, per stream and per connection, on both ends
 * of the gRPC data plane: 8 MiB instead of Node's 64 KiB. With 64 KiB a
 * sender stops every 64 KiB until the receiver's WINDOW_UPDATE comes back,
 * so one upload's speed is bounded by 64 KiB per round trip: over mutual TLS
 * on loopback, a 256 MB upload ran at about a quarter of the speed with the
 * default windows (see the transfer rows of `npm run bench`). The window is
 * also the most a peer may send ahead, per stream, before it is read.
 */
export const FLOW_CONTROL_WINDOW_BYTES = 8 * 1024 * 1024;
