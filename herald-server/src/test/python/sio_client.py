"""Socket.IO client scenarios driven by io.herald.server.interop.PythonSocketIoClientInteropTest.

    /usr/bin/python3 sio_client.py <scenario> <serverUrl> <websocket|polling>

Uses Debian's python3-socketio (5.7.x). Scenarios: auth, echo, ack.
Every observation is printed as one JSON object per line on stdout, always with an "event" field;
bytes are printed as {"$binary": "<base64>"} so the Java side can compare them exactly.
"""
import base64
import json
import os
import queue
import sys
import threading

import socketio

TIMEOUT = 10


def encode(value):
    if isinstance(value, (bytes, bytearray)):
        return {"$binary": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def out(event, **fields):
    sys.stdout.write(json.dumps(dict(event=event, **fields), ensure_ascii=False) + "\n")
    sys.stdout.flush()


def watchdog(seconds):
    def expire():
        out("timeout", afterSeconds=seconds)
        os._exit(3)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


def new_client(*events_and_namespaces):
    """Creates a client whose handlers put (event, namespace, args) on a queue."""
    client = socketio.Client(reconnection=False)
    received = queue.Queue()
    for event, namespace in events_and_namespaces:
        def handler(*args, _event=event, _namespace=namespace):
            received.put((_event, _namespace, args))

        client.on(event, handler, namespace=namespace)
    return client, received


def next_event(received, event, namespace="/"):
    while True:
        got_event, got_namespace, args = received.get(timeout=TIMEOUT)
        if got_event == event and got_namespace == namespace:
            return args


def scenario_auth(url, transport):
    client, received = new_client(("auth", "/"), ("auth", "/custom"))
    auth = {"token": "py-abc", "n": 7, "nested": {"ok": True}}
    client.connect(url, auth=auth, transports=[transport], namespaces=["/", "/custom"], wait_timeout=TIMEOUT)
    out("connected", namespaces=sorted(client.namespaces.keys()), transport=client.transport())
    for namespace in ("/", "/custom"):
        out("auth", nsp=namespace, args=encode(next_event(received, "auth", namespace)))
    out("transport", name=client.transport())
    client.disconnect()


ECHO_ARGS = (
    "héllo ✓ 🎉",
    42,
    -1.5,
    True,
    None,
    {"nested": {"list": [1, "two", False, None], "deeper": {"x": 3.25}}},
    bytes([0, 1, 2, 127, 128, 254, 255]),
    {"level1": {"level2": b"binary at depth 2"}, "label": "carrier"},
)


def scenario_echo(url, transport):
    client, received = new_client(("message-back", "/"))
    client.connect(url, transports=[transport], namespaces=["/"], wait_timeout=TIMEOUT)
    out("sent", args=encode(ECHO_ARGS))
    client.emit("message", ECHO_ARGS)
    out("message-back", args=encode(next_event(received, "message-back")))
    out("transport", name=client.transport())
    client.disconnect()


def scenario_ack(url, transport):
    client, _ = new_client()
    client.connect(url, transports=[transport], namespaces=["/"], wait_timeout=TIMEOUT)
    args = ("first", 2, {"inner": {"bin": b"\x01\x02\x03"}})
    result = client.call("message-with-ack", args, timeout=TIMEOUT)
    out("ack", args=encode(list(result) if isinstance(result, (list, tuple)) else [result]))
    single = client.call("message-with-ack", {"only": "one", "bin": b"ack!"}, timeout=TIMEOUT)
    out("ack-single", value=encode(single))
    out("transport", name=client.transport())
    client.disconnect()


SCENARIOS = {"auth": scenario_auth, "echo": scenario_echo, "ack": scenario_ack}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in SCENARIOS:
        out("error", message="usage: sio_client.py <auth|echo|ack> <serverUrl> <websocket|polling>")
        return 2
    watchdog(20)
    scenario, url, transport = sys.argv[1:]
    try:
        SCENARIOS[scenario](url, transport)
    except Exception as error:  # report anything unexpected as an observation
        out("error", type=type(error).__name__, message=str(error))
        return 2
    out("done")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
