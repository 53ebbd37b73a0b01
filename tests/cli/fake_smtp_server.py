"""A fake SMTP server for the git send-email end-to-end test: loopback only, no auth,
no TLS. Prints its port, appends each received message to OUTPUT, exits after SECONDS.

    python fake_smtp_server.py OUTPUT [SECONDS]
"""

from __future__ import annotations

import socketserver
import sys
import threading
from pathlib import Path


class SmtpHandler(socketserver.StreamRequestHandler):
    timeout = 10
    output: Path

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        self.reply("220 fake-smtp ready")
        while line := self.rfile.readline():
            command = line.decode("latin-1").strip().upper()
            if command.startswith("EHLO"):
                self.reply("250-fake-smtp")
                self.reply("250 8BITMIME")
            elif command.startswith(("HELO", "MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                received = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    received.append(data[1:] if data.startswith(b"..") else data)
                with self.output.open("ab") as handle:
                    handle.write(b"".join(received) + b"\n=== end of message ===\n")
                self.reply("250 queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


def main(argv: list[str]) -> int:
    SmtpHandler.output = Path(argv[0])
    lifetime = float(argv[1]) if len(argv) > 1 else 60
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpHandler) as server:
        print(server.server_address[1], flush=True)
        # Bounded: the server stops by itself even if the test forgets it.
        threading.Timer(lifetime, server.shutdown).start()
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
