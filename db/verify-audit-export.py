#!/usr/bin/env python3
"""Checks an AccessConsole audit export (JSON Lines) against its manifest, as db/audit-format.md describes.
Usage: python3 verify-audit-export.py EXPORT.jsonl manifest.json   (exits 1 at the first problem)"""
import hashlib, json, sys
data, manifest = open(sys.argv[1], 'rb').read(), json.load(open(sys.argv[2], encoding='utf-8'))
def check(ok, problem):
    if not ok: sys.exit(f'NOT VERIFIED: {problem}')
check(hashlib.sha256(data).hexdigest() == manifest['sha256'], 'the file is not the one the manifest describes (SHA-256 differs)')
events = [json.loads(line) for line in data.decode('utf-8').split('\n') if line]
check(len(events) == manifest['count'], f"{len(events)} events, the manifest says {manifest['count']}")
previous = (0, '0' * 64)
for e in events:
    stored = e.pop('hash')
    canonical = json.dumps(e, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
    check(hashlib.sha256(canonical).hexdigest() == stored, f"event {e['sequence']}: its content does not match its hash")
    if e['sequence'] == previous[0] + 1:
        check(e['previousHash'] == previous[1], f"event {e['sequence']} is not chained to event {previous[0]}")
    else:
        check(bool(manifest['filter']) and e['sequence'] > previous[0], f"event {previous[0] + 1} is missing or out of order")
    if previous[0] == 0: check([e['sequence'], stored] == [manifest['firstSequence'], manifest['firstHash']], 'the first event differs from the manifest')
    previous = (e['sequence'], stored)
check(not events or list(previous) == [manifest['lastSequence'], manifest['lastHash']], 'the last event differs from the manifest')
print(f"VERIFIED: {len(events)} events, last sequence {previous[0]}, last hash {previous[1]}")
