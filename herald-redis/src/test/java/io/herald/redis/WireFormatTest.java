package io.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.adapter.BroadcastOptions;
import io.herald.core.adapter.RecordingHost;
import io.herald.core.adapter.RecordingLocalSocket;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The bytes on Redis, checked against what the Node adapter writes and reads: a raw Redis connection watches the
 * channels and plays a Node node. Node-side messages are built with msgpack-core directly, not with the adapter's
 * codec.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WireFormatTest {
  private final EmbeddedRedis redis = EmbeddedRedis.start();
  private final Vertx vertx = Vertx.vertx();
  private final BlockingQueue<String[]> seen = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> payloads = new LinkedBlockingQueue<>();
  private RedisCluster cluster;
  private RedisConnection raw;
  private RecordingHost host;

  @BeforeEach
  void start() throws Exception {
    raw = Redis.createClient(vertx, redis.url()).connect().toCompletionStage().toCompletableFuture().get();
    raw.handler(this::onPush);
    raw.send(Request.cmd(Command.PSUBSCRIBE).arg("socket.io*")).toCompletionStage().toCompletableFuture().get();
    cluster = RedisCluster.create(vertx, RedisClusterOptions.of(redis.url()));
    host = new RecordingHost("/", vertx);
    RedisAdapter adapter = (RedisAdapter) cluster.adapterFactory().create(host);
    host.adapter(adapter);
    await().atMost(TestClient.TIMEOUT).until(() -> cluster.isUp()
        && adapter.serverCount().get(5, TimeUnit.SECONDS) == 1);
  }

  private void onPush(Response push) {
    if ("pmessage".equals(push.get(0).toString())) {
      seen.add(new String[] {push.get(2).toString()});
      payloads.add(push.get(3).toBytes());
    }
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    redis.close();
  }

  private JsonNode nextOn(String channel) throws InterruptedException {
    while (true) {
      String[] next = seen.poll(10, TimeUnit.SECONDS);
      byte[] payload = payloads.poll(1, TimeUnit.SECONDS);
      assertThat(next).as("a message on " + channel).isNotNull();
      if (next[0].equals(channel)) {
        return Wire.read(payload);
      }
    }
  }

  @Test
  void broadcastToOneRoomIsMsgpackUidPacketOptsOnTheRoomChannel() throws Exception {
    host.adapter().broadcast(SocketPacket.event("/", List.of("news", new byte[] {1, 2}), SocketPacket.NO_ID),
        new BroadcastOptions(Set.of("r1"), Set.of("muted"), true, false));
    JsonNode message = nextOn("socket.io#/#r1#");
    assertThat(message.isArray()).isTrue();
    assertThat(message.get(0).asText()).isEqualTo(((RedisAdapter) host.adapter()).uid());
    JsonNode packet = message.get(1);
    assertThat(packet.get("type").asInt()).isEqualTo(2);
    assertThat(packet.get("nsp").asText()).isEqualTo("/");
    assertThat(packet.get("data").get(0).asText()).isEqualTo("news");
    assertThat(packet.get("data").get(1).binaryValue()).containsExactly(1, 2);
    JsonNode opts = message.get(2);
    assertThat(opts.get("rooms")).extracting(JsonNode::asText).containsExactly("r1");
    assertThat(opts.get("except")).extracting(JsonNode::asText).containsExactly("muted");
    assertThat(opts.get("flags").get("volatile").asBoolean()).isTrue();
  }

  @Test
  void deliversABroadcastFromANodeServerWithItsBuffer() throws Exception {
    RecordingLocalSocket socket = host.connect("s1", "r1");
    MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    packer.packArrayHeader(3).packString("nodeUid");
    packer.packMapHeader(3).packString("type").packInt(2)
        .packString("data").packArrayHeader(3).packString("blob").packBinaryHeader(3).writePayload(new byte[] {4, 5, 6})
        .packDouble(1.5)
        .packString("nsp").packString("/");
    packer.packMapHeader(3).packString("rooms").packArrayHeader(1).packString("r1")
        .packString("except").packArrayHeader(0)
        .packString("flags").packMapHeader(0);
    publish("socket.io#/#r1#", packer.toByteArray());
    await().atMost(TestClient.TIMEOUT).until(() -> !socket.deliveries().isEmpty());
    RecordingLocalSocket.Delivery delivery = socket.deliveries().get(0);
    assertThat(delivery.event()).isEqualTo("blob");
    assertThat(delivery.args().get(0).binaryValue()).containsExactly(4, 5, 6);
    assertThat(delivery.args().get(1).asDouble()).isEqualTo(1.5);
  }

  @Test
  void answersANodeFetchSocketsRequestWithTheNodeHandshakeShape() throws Exception {
    host.connect("s1", "r1").data().put("user", "ada");
    String request = "{\"uid\":\"nodeUid\",\"requestId\":\"req123\",\"type\":5,\"opts\":{\"rooms\":[\"r1\"],\"except\":[]}}";
    publish("socket.io-request#/#", request.getBytes(StandardCharsets.UTF_8));
    JsonNode response = nextOn("socket.io-response#/#");
    assertThat(response.get("requestId").asText()).isEqualTo("req123");
    JsonNode socket = response.get("sockets").get(0);
    assertThat(socket.get("id").asText()).isEqualTo("s1");
    assertThat(socket.get("rooms")).extracting(JsonNode::asText).containsExactlyInAnyOrder("s1", "r1");
    assertThat(socket.get("data").get("user").asText()).isEqualTo("ada");
    JsonNode handshake = socket.get("handshake");
    assertThat(handshake.properties()).extracting(Map.Entry::getKey).containsExactly(
        "headers", "time", "address", "xdomain", "secure", "issued", "url", "query", "auth");
    assertThat(handshake.get("headers").get("accept").asText()).isEqualTo("a, b");
    assertThat(handshake.get("time").asText()).isEqualTo("Tue Nov 14 2023 22:13:20 GMT+0000 (Coordinated Universal Time)");
    assertThat(handshake.get("issued").asLong()).isEqualTo(1_700_000_000_123L);
    assertThat(handshake.get("query").get("EIO").asText()).isEqualTo("4");
    assertThat(handshake.get("auth").get("token").asText()).isEqualTo("t-s1");
  }

  @Test
  void answersANodeBroadcastWithAckWithACountThenMsgpackAcks() throws Exception {
    host.connect("s1").answerAcksWith(Wire.NODES.binaryNode(new byte[] {7}));
    MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    packer.packMapHeader(5).packString("uid").packString("nodeUid")
        .packString("requestId").packString("ack123")
        .packString("type").packInt(7)
        .packString("packet").packMapHeader(3).packString("type").packInt(2)
        .packString("data").packArrayHeader(1).packString("poll").packString("nsp").packString("/")
        .packString("opts").packMapHeader(3).packString("rooms").packArrayHeader(0)
        .packString("except").packArrayHeader(0).packString("flags").packMapHeader(1)
        .packString("timeout").packInt(5000);
    publish("socket.io-request#/#", packer.toByteArray());
    JsonNode count = nextOn("socket.io-response#/#");
    assertThat(count.get("type").asInt()).isEqualTo(8);
    assertThat(count.get("requestId").asText()).isEqualTo("ack123");
    assertThat(count.get("clientCount").asInt()).isEqualTo(1);
    JsonNode ack = nextOn("socket.io-response#/#");
    assertThat(ack.get("type").asInt()).isEqualTo(9);
    assertThat(ack.get("packet").binaryValue()).containsExactly(7);
  }

  @Test
  void ignoresMalformedMessages() throws Exception {
    RecordingLocalSocket socket = host.connect("s1");
    publish("socket.io#/#", new byte[] {(byte) 0xc1, 0x00});
    publish("socket.io-request#/#", "{not json".getBytes(StandardCharsets.UTF_8));
    publish("socket.io-request#/#", "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    host.adapter().broadcast(SocketPacket.event("/", List.of("still-alive"), SocketPacket.NO_ID),
        BroadcastOptions.ALL);
    await().atMost(TestClient.TIMEOUT).until(() -> socket.events().contains("still-alive"));
    assertThat(cluster.isUp()).isTrue();
  }

  private void publish(String channel, byte[] payload) throws Exception {
    cluster.redis().send(Request.cmd(Command.PUBLISH).arg(channel).arg(Buffer.buffer(payload)))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
