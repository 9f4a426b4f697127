package io.herald.core.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.engineio.EngineConnection;
import io.herald.core.engineio.EngineConnection.CloseReason;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.socketio.SocketCodecException;
import io.herald.core.socketio.SocketDecoder;
import io.herald.core.socketio.SocketEncoder;
import io.herald.core.socketio.SocketPacket;
import io.herald.core.socketio.SocketPacketType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO connection as Socket.IO sees it: decodes its packets, routes them to the socket of each
 * namespace, and closes it when it never joins one. Confined to the connection's context.
 */
final class Client {
  private static final Logger log = LoggerFactory.getLogger(Client.class);
  /** A connection is closed after this many times {@code maxNamespacesPerConnection} refused CONNECT packets. */
  static final int HARD_MULTIPLE = 4;

  private static final DefaultSocket[] NO_SOCKETS = new DefaultSocket[0];

  private final DefaultSocketServer server;
  private final EngineConnection connection;
  private final SocketDecoder decoder;
  /** One socket per joined namespace; replaced, never changed, so iterating it needs no copy. Usually one. */
  private DefaultSocket[] sockets = NO_SOCKETS;
  private long connectTimer = -1;
  private int connecting;
  private int refusedConnects;

  Client(DefaultSocketServer server, EngineConnection connection) {
    this.server = server;
    this.connection = connection;
    this.decoder = new SocketDecoder(server.maxAttachments(), server.maxPayload(),
        server.limits().maxEventNameLength());
  }

  void start() {
    connection.messageHandler(this::onMessage);
    connection.closeHandler(this::onClose);
    connectTimer = server.vertx().setTimer(server.connectTimeout().toMillis(), t -> {
      connectTimer = -1;
      if (sockets.length == 0 && connection.isOpen()) {
        log.debug("connection {} joined no namespace within {} ms", connection.id(), server.connectTimeout().toMillis());
        connection.close(CloseReason.FORCED_CLOSE);
      }
    });
  }

  SocketLimits limits() {
    return server.limits();
  }

  EngineConnection connection() {
    return connection;
  }

  boolean isOpen() {
    return connection.isOpen();
  }

  void write(List<EnginePacket> packets) {
    if (packets.size() == 1) {
      connection.send(packets.get(0));
    } else {
      connection.sendAll(packets);
    }
  }

  void writeVolatile(List<EnginePacket> packets) {
    connection.sendIfWritable(packets);
  }

  void writePacket(SocketPacket packet) {
    write(SocketEncoder.encode(packet));
  }

  void added(DefaultSocket socket) {
    if (connectTimer >= 0) {
      // joined a namespace: the connect timeout is met, and its timer need not stay pending per connection
      server.vertx().cancelTimer(connectTimer);
      connectTimer = -1;
    }
    int index = indexOf(socket.namespace().name());
    if (index < 0) {
      DefaultSocket[] more = Arrays.copyOf(sockets, sockets.length + 1);
      more[sockets.length] = socket;
      sockets = more;
      return;
    }
    DefaultSocket previous = sockets[index];
    DefaultSocket[] replaced = sockets.clone();
    replaced[index] = socket;
    sockets = replaced;
    previous.onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
  }

  void removed(DefaultSocket socket) {
    int index = indexOf(socket.namespace().name());
    if (index < 0 || sockets[index] != socket) {
      return;
    }
    DefaultSocket[] fewer = new DefaultSocket[sockets.length - 1];
    System.arraycopy(sockets, 0, fewer, 0, index);
    System.arraycopy(sockets, index + 1, fewer, index, fewer.length - index);
    sockets = fewer.length == 0 ? NO_SOCKETS : fewer;
  }

  private int indexOf(String namespace) {
    for (int i = 0; i < sockets.length; i++) {
      if (sockets[i].namespace().name().equals(namespace)) {
        return i;
      }
    }
    return -1;
  }

  /** Disconnects every socket of this connection from its namespace, then closes the connection. */
  void disconnectAll() {
    for (DefaultSocket socket : sockets) {
      socket.disconnectFromNamespace();
    }
    connection.close(CloseReason.FORCED_CLOSE);
  }

  /** Ends every socket with {@code reason} and closes the connection without telling the client. */
  void shutDown(DisconnectReason reason) {
    for (DefaultSocket socket : sockets) {
      socket.onClose(reason);
    }
    connection.close(CloseReason.FORCED_CLOSE);
  }

  private void onMessage(EnginePacket message) {
    SocketPacket packet;
    try {
      packet = decoder.decode(message);
    } catch (SocketCodecException e) {
      log.info("connection {} closed: invalid packet: {}", connection.id(), e.getMessage());
      connection.close(CloseReason.PARSE_ERROR);
      return;
    }
    if (packet == null) {
      return;
    }
    if (packet.type() == SocketPacketType.CONNECT) {
      connect(packet);
      return;
    }
    int index = indexOf(packet.namespace());
    if (index < 0) {
      log.debug("connection {}: {} packet for namespace {} it has not joined", connection.id(), packet.type(),
          packet.namespace());
      return;
    }
    sockets[index].onPacket(packet);
  }

  private void connect(SocketPacket packet) {
    int max = server.limits().maxNamespacesPerConnection();
    if (indexOf(packet.namespace()) < 0 && sockets.length + connecting >= max) {
      log.debug("connection {}: refused namespace {}: over maxNamespacesPerConnection {}", connection.id(),
          packet.namespace(), max);
      server.limits().listener().limitExceeded(SocketLimits.MAX_NAMESPACES_PER_CONNECTION);
      refuseConnect(packet.namespace(), "too many namespaces: at most " + max + " per connection");
      return;
    }
    ObjectNode auth = packet.data() instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    DefaultNamespace namespace = server.namespaceFor(packet.namespace(), auth);
    if (namespace == null) {
      refuseConnect(packet.namespace(), "Invalid namespace");
      return;
    }
    connecting++;
    namespace.add(this, auth, () -> connecting--);
  }

  /** Answers a CONNECT with CONNECT_ERROR; closes a connection that keeps asking for namespaces it cannot have. */
  private void refuseConnect(String namespace, String message) {
    writePacket(SocketPacket.connectError(namespace, Map.of("message", message)));
    int hardLimit = HARD_MULTIPLE * server.limits().maxNamespacesPerConnection();
    if (++refusedConnects >= hardLimit && connection.isOpen()) {
      log.info("connection {} closed: {} refused CONNECT packets (over maxNamespacesPerConnection {} or to unknown "
          + "namespaces)", connection.id(), refusedConnects, server.limits().maxNamespacesPerConnection());
      connection.close(CloseReason.FORCED_CLOSE);
    }
  }

  private void onClose(CloseReason reason) {
    if (connectTimer >= 0) {
      server.vertx().cancelTimer(connectTimer);
    }
    DisconnectReason disconnectReason = DisconnectReason.ofWireName(reason.reason());
    for (DefaultSocket socket : sockets) {
      socket.onClose(disconnectReason);
    }
    sockets = NO_SOCKETS;
    server.removed(this);
  }
}
