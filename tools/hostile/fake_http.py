#!/usr/bin/env python3
"""Loopback HTTP stand-ins for the hostile cases (never a real API).

  fake_http.py PORTFILE status CODE   every request answers CODE with a small JSON body (401, 403, 500...)
  fake_http.py PORTFILE stream        an X filtered stream that stays connected and sends a keep-alive
                                      (CRLF) every second; the rules endpoints answer an empty rule set

Listens on 127.0.0.1 on a free port and writes the port to PORTFILE once ready; runs until killed.
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTFILE, MODE = sys.argv[1], sys.argv[2]
CODE = int(sys.argv[3]) if len(sys.argv) > 3 else 200


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _json(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if MODE == "status":
            self._json(CODE, {"title": "Unauthorized" if CODE == 401 else "Error", "status": CODE,
                              "detail": "hostile stand-in", "type": "about:blank"})
            return
        if "/stream/rules" in self.path:
            self._json(200, {"meta": {"sent": "2020-01-01T00:00:00.000Z", "result_count": 0}})
            return
        if "/stream" in self.path:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"2\r\n\r\n\r\n")
                    self.wfile.flush()
                    time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):
                return
        self._json(404, {"title": "Not Found"})

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".part", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.replace(PORTFILE + ".part", PORTFILE)
server.serve_forever()
