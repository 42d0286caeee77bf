#!/usr/bin/env python3
"""Starts a command, sends it one signal mid-work, and says how it ended.

  sigcase.py SIGNAL WAIT_PATTERN MAX_WAIT GRACE OUT ERR -- COMMAND...

The command starts with SIGINT and SIGTERM at their defaults (a script run in the background would
otherwise pass them on ignored). The signal goes when WAIT_PATTERN (a regex; '' = none) shows on
stdout or stderr, or after MAX_WAIT seconds. If the process has not ended GRACE seconds later it is
killed (SIGKILL) and reported as a hang. Prints one line: "<exit code> <seconds to stop> <note>";
exit code 124 means a hang. A process that died of the signal itself reports 128+N with note "killed".
"""
import os
import re
import signal
import subprocess
import sys
import time

sig = getattr(signal, "SIG" + sys.argv[1])
pattern = re.compile(sys.argv[2]) if sys.argv[2] else None
max_wait, grace = float(sys.argv[3]), float(sys.argv[4])
out_path, err_path = sys.argv[5], sys.argv[6]
command = sys.argv[sys.argv.index("--") + 1:]


def defaults():
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


with open(out_path, "wb") as out, open(err_path, "wb") as err:
    proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, preexec_fn=defaults)
    start = time.monotonic()
    note = ""
    while time.monotonic() - start < max_wait and proc.poll() is None:
        if pattern is not None:
            text = open(out_path, "rb").read().decode("utf-8", "replace") + open(err_path, "rb").read().decode("utf-8", "replace")
            if pattern.search(text):
                break
        time.sleep(0.25)
    if proc.poll() is not None:
        print(f"{proc.returncode if proc.returncode >= 0 else 128 - proc.returncode} 0 ended-before-signal")
        sys.exit(0)
    sent = time.monotonic()
    proc.send_signal(sig)
    try:
        code = proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        print(f"124 {grace:.1f} hang(killed)")
        sys.exit(0)
    if code < 0:
        code, note = 128 - code, "killed"
    print(f"{code} {time.monotonic() - sent:.1f} {note or 'exited'}")
