import type { Http2SecureServer, ServerHttp2Session, Settings } from 'node:http2';

import type * as grpc from '@grpc/grpc-js';

/** The two private fields of grpc-js 1.14's Server this needs. */
interface ServerInternals {
  commonServerOptions?: { settings?: Settings };
  http2Servers?: Map<Http2SecureServer, unknown>;
}

/**
 * Gives the gRPC server an HTTP/2 receive window of `bytes` per stream and
 * per connection, as the channel option `grpc-node.flow_control_window`
 * already does for clients. grpc-js 1.14 reads that option only on the
 * client; grpc/grpc-node pull request 3058 adds it to the server by setting
 * exactly these two things, and this goes away when it lands:
 *  - before bind: the per-stream window the server advertises in its SETTINGS;
 *  - after bind: each new connection's own window, with setLocalWindowSize.
 * Returns what it could not set, for the caller to warn about (a grpc-js that
 * no longer has these fields), or null; a test checks a real connection sees
 * the windows, so an upgrade that breaks this fails the build.
 */
export function widenReceiveWindow(server: grpc.Server, bytes: number): { afterBind(): string | null } {
  const internals = server as unknown as ServerInternals;
  const options = internals.commonServerOptions;
  if (options) options.settings = { ...options.settings, initialWindowSize: bytes };
  return {
    afterBind() {
      if (!options || !(internals.http2Servers instanceof Map))
        return 'grpc-js has no commonServerOptions or http2Servers: uploads run with 64 KiB HTTP/2 windows';
      for (const http2Server of internals.http2Servers.keys()) {
        http2Server.on('session', (session: ServerHttp2Session) => session.setLocalWindowSize(bytes));
      }
      return null;
    },
  };
}
