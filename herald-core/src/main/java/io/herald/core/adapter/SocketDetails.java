package io.herald.core.adapter;

import java.util.Map;
import java.util.Set;

/**
 * What the adapter reports of one socket, local or on another node.
 *
 * @param id the socket id
 * @param handshake the handshake details, as the adapter can carry them
 * @param rooms the rooms the socket is in
 * @param data the socket's {@code data}
 * @param local whether the socket is connected to this node
 */
public record SocketDetails(String id, Object handshake, Set<String> rooms, Map<String, Object> data, boolean local) {}
