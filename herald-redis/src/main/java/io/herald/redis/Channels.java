package io.herald.redis;

import java.util.Set;

/**
 * The channels of one namespace, named as the Node adapter names them.
 *
 * @param broadcast {@code <key>#<nsp>#}: broadcasts, followed by {@code <room>#} when exactly one room is targeted
 * @param request {@code <key>-request#<nsp>#}: requests to every node
 * @param response {@code <key>-response#<nsp>#}: answers, shared by the nodes
 * @param specificResponse {@code <key>-response#<nsp>#<uid>#}: answers to this node only
 */
record Channels(String broadcast, String request, String response, String specificResponse) {
  static Channels of(String key, String namespace, String uid) {
    String response = key + "-response#" + namespace + "#";
    return new Channels(key + "#" + namespace + "#", key + "-request#" + namespace + "#", response,
        response + uid + "#");
  }

  /** The pattern that matches every broadcast of the namespace, as the Node adapter subscribes it. */
  String broadcastPattern() {
    return broadcast + "*";
  }

  /** Where a broadcast to {@code rooms} is published. */
  String broadcastTo(Set<String> rooms) {
    return rooms.size() == 1 ? broadcast + rooms.iterator().next() + "#" : broadcast;
  }

  /** Where the answer to a request from node {@code uid} is published. */
  String responseTo(String uid, boolean specific) {
    return specific && uid != null ? response + uid + "#" : response;
  }
}
