#!/usr/bin/env python3
"""Replay files for the hostile cases.

  gen_posts.py posts FILE N HOURS   N small X v1.1 statuses spread over HOURS hours from 2020-11-23 00:00 UTC
  gen_posts.py overlong FILE        two valid statuses around one 5 MiB line (over the 4 MiB limit)
  gen_posts.py random FILE          2 MiB of random bytes (thousands of 'lines' of garbage)
"""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

mode, path = sys.argv[1], sys.argv[2]
START = datetime(2020, 11, 23, tzinfo=timezone.utc)
SHOWS = ["TheCrown", "TheMandalorian", "GreysAnatomy", "QueensGambit", "Fargo"]


def status(i, when):
    tag = SHOWS[i % len(SHOWS)]
    return json.dumps({
        "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "id": 1330000000000000000 + i, "id_str": str(1330000000000000000 + i),
        "text": f"watching #{tag} again {i}", "lang": "en",
        "user": {"id": 1000 + i % 97, "id_str": str(1000 + i % 97), "screen_name": f"user{i % 97}"},
        "entities": {"hashtags": [{"text": tag, "indices": [9, 10 + len(tag)]}], "urls": [], "user_mentions": []},
        "timestamp_ms": str(int(when.timestamp() * 1000)),
    })


with open(path, "wb") as f:
    if mode == "posts":
        n, hours = int(sys.argv[3]), int(sys.argv[4])
        for i in range(n):
            f.write(status(i, START + timedelta(seconds=i * hours * 3600 // n)).encode() + b"\n")
    elif mode == "overlong":
        f.write(status(1, START).encode() + b"\n")
        f.write(b'{"text": "' + b"x" * (5 << 20) + b'"}\n')
        f.write(status(2, START + timedelta(minutes=1)).encode() + b"\n")
    elif mode == "random":
        f.write(os.urandom(2 << 20))
    else:
        sys.exit(f"unknown mode {mode}")
