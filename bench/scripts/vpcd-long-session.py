#!/usr/bin/env python3
"""Long session of a served card (docs/reliability.md, "Endurance"): `schsm sim serve` connects to
this script as it would to pcscd's vpcd driver, and takes APDUS APDUs in that one process. No
pcscd is involved (so nobody else's reader is touched and the PC/SC lock is not needed): the
script plays vpcd's side of the protocol (2-byte length, then the message; one byte 01 powers the
card on, 04 asks for the ATR). Every REPORT APDUs it prints the rate of the interval and what the
serve process holds: heap in use after a full collection (jcmd GC.run, then GC.heap_info),
resident memory, threads and open file descriptors (/proc). At the end it stops the server and
checks that the state file still opens, with no PIN try spent.

Usage: bench/scripts/vpcd-long-session.py [APDUS [REPORT [PORT]]]   (defaults 1000000 50000 35999)
The APDU mix is that of long-session.groovy: SELECT, no-data VERIFY, GET CHALLENGE, ENUMERATE
OBJECTS, and every 1,000 APDUs a wrong user PIN then the right one (written to the state file).
"""
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHSM = os.path.join(HERE, "bin", "schsm")
JCMD = os.path.join(os.environ["JAVA_HOME"], "bin", "jcmd") if os.environ.get("JAVA_HOME") else "jcmd"

SELECT = bytes.fromhex("00A404000BE82B0601040181C31F020100")
STATUS = bytes.fromhex("00200081")
CHALLENGE = bytes.fromhex("0084000008")
ENUMERATE = bytes.fromhex("8058000000")
WRONG = bytes.fromhex("0020008106303030303030")
RIGHT = bytes.fromhex("0020008106363438323139")


def frame(sock, payload):
    sock.sendall(struct.pack(">H", len(payload)) + payload)


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("serve closed the connection")
        buf += chunk
    return buf


def exchange(sock, apdu, expected):
    frame(sock, apdu)
    (n,) = struct.unpack(">H", read_exact(sock, 2))
    r = read_exact(sock, n)
    sw = r[-2:].hex().upper()
    if sw not in expected:
        sys.exit(f"vpcd-long-session: {apdu[:5].hex()}.. answered {sw}, expected {expected}")
    return r


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            fields[k] = v.strip()
    return fields


def heap_after_gc(pid):
    subprocess.run([JCMD, str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = subprocess.run([JCMD, str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    # Serial GC: "def new generation total ...K, used ...K" and "tenured generation ..."
    used = [int(k) for k in re.findall(r"generation\s+total \d+K, used (\d+)K", out)]
    return sum(used) if used else -1


def java_pid(serve):
    """bin/schsm execs java, so the server's pid is the java process itself."""
    return serve.pid


def sample(pid, sent, rate):
    st = proc_status(pid)
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    heap = heap_after_gc(pid)
    print(f"apdus {sent:>9,}  rate {rate:>8,.0f}/s  heap-after-gc {heap:>6,} KiB  rss {int(st['VmRSS'].split()[0]):>7,} KiB"
          f"  threads {st['Threads']}  fds {fds}", flush=True)


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    report = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 35999
    work = tempfile.mkdtemp(prefix="vpcd-long-")
    state = os.path.join(work, "card.state")
    subprocess.run([SCHSM, "-r", "sim", "--sim-state", state, "init", "--so-pin", "3537363231383830",
                    "--pin", "648219", "--pin-retry", "3"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(1)
    serve = subprocess.Popen([SCHSM, "sim", "serve", "--sim-state", state, "--port", str(port)],
                             stdout=open(os.path.join(work, "serve.log"), "w"), stderr=subprocess.STDOUT)
    listener.settimeout(60)
    sock, _ = listener.accept()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    frame(sock, b"\x01")                      # power on
    frame(sock, b"\x04")                      # ATR
    (n,) = struct.unpack(">H", read_exact(sock, 2))
    print(f"serve pid {serve.pid}, ATR {read_exact(sock, n).hex().upper()}, state {state}", flush=True)
    pid = java_pid(serve)
    exchange(sock, SELECT, ["9000"])
    sample(pid, 0, 0)
    sent, since, mark = 0, 0, time.perf_counter()
    unspent = ["63C3", "9000"]
    while sent < total:
        i = sent
        if i % 1000 == 998:
            exchange(sock, WRONG, ["63C2"])
            exchange(sock, RIGHT, ["9000"])
            sent += 2
        else:
            k = i % 4
            if k == 0:
                exchange(sock, STATUS, unspent)
            elif k == 1:
                exchange(sock, CHALLENGE, ["9000"])
            elif k == 2:
                exchange(sock, ENUMERATE, ["9000"])
            else:
                exchange(sock, SELECT, ["9000"])
            sent += 1
        if sent - since >= report or sent >= total:
            now = time.perf_counter()
            rate = (sent - since) / (now - mark)
            sample(pid, sent, rate)
            since, mark = sent, time.perf_counter()
    exchange(sock, STATUS, unspent)
    frame(sock, b"\x00")                      # power off
    sock.close()
    serve.send_signal(signal.SIGTERM)
    code = serve.wait(30)
    check = subprocess.run([SCHSM, "-r", "sim", "--sim-state", state, "pin", "status"], capture_output=True, text=True)
    print(f"done: {sent:,} APDUs; serve exited {code}; `schsm pin status` on its state file: exit {check.returncode}")
    print(check.stdout.strip())
    if check.returncode != 0 or "3 tries left" not in check.stdout.replace("\n", " "):
        sys.exit("vpcd-long-session: the state file is not intact")


if __name__ == "__main__":
    main()
