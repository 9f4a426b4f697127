package io.herald.server.auth;

import io.herald.core.server.Socket;

/**
 * A connected socket proved an identity with {@code authenticate}, switched to another user, or logged out:
 * {@link SocketIdentity#of} tells who it is now. Published on the socket's context.
 */
public record SocketIdentityChanged(Socket socket) {}
