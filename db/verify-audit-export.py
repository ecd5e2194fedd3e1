#!/usr/bin/env python3
"""Checks an AccessConsole audit export (JSON Lines) against its signed manifest, as db/audit-format.md describes.
Usage: python3 verify-audit-export.py EXPORT.jsonl manifest.json [public-key.pem]   (exits 1 at the first problem)
The manifest's signature is read from manifest.json.sig beside it, the inclusion proof from the file its proofFile names
beside it; the public key defaults to public-key.pem beside it.
Signatures are checked with the openssl command."""
import base64, bisect, hashlib, json, os, re, subprocess, sys, tempfile

MEMBERS = ['sequence', 'eventId', 'occurredAt', 'actorId', 'actorName', 'actorRoles', 'action', 'subjectKind',
           'subjectId', 'subjectName', 'organizationId', 'organizationName', 'reasonCode', 'justification',
           'ticketReference', 'policyClause', 'accessBefore', 'accessAfter', 'correlationId', 'approverId',
           'approverName', 'undoesSequence', 'previousChangeSequence', 'details', 'previousHash']
GENESIS = '0' * 64
# A filter names the member it matches exactly (section 4); from and to bound occurredAt.
EXACT = {'organization': 'organizationId', 'actor': 'actorId', 'action': 'action', 'reason': 'reasonCode', 'subject': 'subjectId'}

class NotVerified(Exception):
    pass

def check(ok, problem):
    if not ok:
        raise NotVerified(problem)

def unique_members(pairs):
    names = [name for name, _ in pairs]
    check(len(names) == len(set(names)), f'a member appears twice ({", ".join(sorted(n for n in set(names) if names.count(n) > 1))})')
    return dict(pairs)

def parse(text, what):
    try:
        return json.loads(text, object_pairs_hook=unique_members)
    except ValueError as error:
        raise NotVerified(f'{what} is not valid JSON ({error})')

def instant(text, end_of_day=False):
    """A time as fixed-width text (yyyy-MM-ddTHH:mm:ss.fffffff), which orders as the times do, to 100 ns."""
    day = re.fullmatch(r'(\d{4}-\d{2}-\d{2})', text)
    if day:
        return day.group(1) + ('T23:59:59.9999999' if end_of_day else 'T00:00:00.0000000')
    time = re.fullmatch(r'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z', text)
    check(time is not None, f'"{text}" is not a UTC time of the form the format gives')
    return time.group(1) + '.' + (time.group(2) or '').ljust(7, '0')

def matches(e, filter):
    """Why the event falls outside the export's filter, or None when it belongs there."""
    for name, value in filter.items():
        if name in EXACT:
            if e[EXACT[name]] != value:
                return f'its {EXACT[name]} is not {value}'
        elif name == 'from':
            if instant(e['occurredAt']) < instant(value):
                return f'it happened before {value}'
        elif name == 'to':
            if instant(e['occurredAt']) > instant(value, end_of_day=True):
                return f'it happened after {value}'
        else:
            raise NotVerified(f'the manifest names an unknown filter "{name}"')
    return None

def openssl_verifies(key_path, signature, data):
    with tempfile.TemporaryDirectory() as folder:
        signature_path, data_path = os.path.join(folder, 'sig'), os.path.join(folder, 'data')
        open(signature_path, 'wb').write(signature)
        open(data_path, 'wb').write(data)
        try:
            run = subprocess.run(['openssl', 'dgst', '-sha256', '-verify', key_path, '-signature', signature_path, data_path], capture_output=True)
        except FileNotFoundError:
            raise NotVerified('the openssl command is needed to check signatures')
        return run.returncode == 0

def key_id(key_path):
    try:
        der = subprocess.run(['openssl', 'pkey', '-pubin', '-in', key_path, '-outform', 'DER'], capture_output=True, check=True).stdout
    except (FileNotFoundError, subprocess.CalledProcessError):
        raise NotVerified(f'{key_path} is not a public key openssl can read')
    return hashlib.sha256(der).hexdigest()

CHECKPOINT = ['checkpoint', 'headSequence', 'headHash', 'createdAt', 'reason', 'previousHash', 'keyId']
HEX64 = re.compile(r'[0-9a-f]{64}')

def leaf_hash(event_hash):
    return hashlib.sha256(b'\x00' + bytes.fromhex(event_hash)).digest()

def node_hash(left, right):
    return hashlib.sha256(b'\x01' + left + right).digest()

def read_proof(path, manifest):
    """The inclusion proof's entries (start, size, hash), each line checked as strictly as the events' (section 6)."""
    check(os.path.exists(path), f'the inclusion proof {os.path.basename(path)} is missing')
    data = open(path, 'rb').read()
    check(hashlib.sha256(data).hexdigest() == manifest['proofSha256'], 'the inclusion proof is not the one the manifest describes (SHA-256 differs)')
    text = data.decode('utf-8', errors='replace')
    check(text == '' or text.endswith('\n'), 'the inclusion proof\'s last line does not end with a line feed')
    lines = text.split('\n')[:-1]
    check(len(lines) == manifest['proofEntries'], f"the inclusion proof has {len(lines)} lines, the manifest says {manifest['proofEntries']}")
    entries = []
    for number, line in enumerate(lines, 1):
        e = parse(line, f'line {number} of the inclusion proof')
        check(isinstance(e, dict) and list(e) == ['start', 'size', 'hash'], f'line {number} of the inclusion proof does not hold start, size and hash in that order')
        check(all(isinstance(e[n], int) and not isinstance(e[n], bool) for n in ('start', 'size')) and e['start'] >= 0 and e['size'] > 0
              and isinstance(e['hash'], str) and HEX64.fullmatch(e['hash']), f'line {number} of the inclusion proof holds values of the wrong form')
        check(line == json.dumps(e, separators=(',', ':')), f'line {number} of the inclusion proof is not written in the canonical form')
        entries.append((e['start'], e['size'], bytes.fromhex(e['hash'])))
    return entries

def tree_root(size, indexes, leaves, proof):
    """The Merkle tree root (RFC 9162) of the first size events, from the export's leaves and the proof's subtrees (section 6)."""
    used = 0
    def walk(start, count, low, high):
        nonlocal used
        if low == high:
            check(used < len(proof), f'the inclusion proof has no hash for events {start + 1} to {start + count}')
            entry = proof[used]
            used += 1
            check(entry[:2] == (start, count), f'the inclusion proof does not fit the events: its line {used} covers events {entry[0] + 1} to {entry[0] + entry[1]} '
                  f'where events {start + 1} to {start + count} were expected, so an event was added to or removed from the export')
            return entry[2]
        if count == 1:
            return leaves[low]
        k = 1 << ((count - 1).bit_length() - 1)
        middle = bisect.bisect_left(indexes, start + k, low, high)
        left = walk(start, k, low, middle)
        return node_hash(left, walk(start + k, count - k, middle, high))
    root = walk(0, size, 0, len(leaves)) if size > 0 else hashlib.sha256(b'').digest()
    check(used == len(proof), f'the inclusion proof has {len(proof) - used} lines more than the events need')
    return root.hex()

def verify_signatures(manifest_bytes, manifest, signature_path, key_path):
    """The manifest is signed, and so is the checkpoint of the head it names; both by the key given."""
    check(os.path.exists(signature_path), f'the manifest has no signature ({os.path.basename(signature_path)} is missing)')
    check(os.path.exists(key_path), f'no public key to check the signature with ({key_path})')
    check(openssl_verifies(key_path, open(signature_path, 'rb').read(), manifest_bytes), 'the manifest\'s signature is not valid: it was changed after it was signed, or signed by another key')
    checkpoint = manifest.get('checkpoint')
    check(isinstance(checkpoint, dict), 'the manifest holds no checkpoint')
    names = CHECKPOINT + (['treeRoot'] if checkpoint.get('treeRoot') is not None else [])
    text = json.dumps({name: checkpoint.get(name) for name in names}, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
    check(hashlib.sha256(text).hexdigest() == checkpoint.get('hash'), 'the checkpoint does not match its hash')
    try:
        signature = base64.b64decode(checkpoint.get('signature', ''), validate=True)
    except ValueError:
        raise NotVerified('the checkpoint\'s signature is not base64')
    check(openssl_verifies(key_path, signature, text), 'the checkpoint\'s signature is not valid')
    check([checkpoint['headSequence'], checkpoint['headHash']] == [manifest['chainHeadSequence'], manifest['chainHeadHash']], 'the checkpoint does not sign the chain head the manifest names')
    identity = key_id(key_path)
    check(checkpoint['keyId'] == identity, 'the checkpoint names another key than the one given')
    return identity

def verify(data_path, manifest_path, key_path=None):
    data = open(data_path, 'rb').read()
    manifest_bytes = open(manifest_path, 'rb').read()
    manifest = parse(manifest_bytes.decode('utf-8'), 'the manifest')
    for member in ('sha256', 'count', 'filter', 'firstSequence', 'firstHash', 'lastSequence', 'lastHash', 'chainHeadSequence', 'chainHeadHash',
                   'proofFile', 'proofEntries', 'proofSha256', 'checkpoint'):
        check(member in manifest, f'the manifest has no "{member}"')
    check(hashlib.sha256(data).hexdigest() == manifest['sha256'], 'the file is not the one the manifest describes (SHA-256 differs)')
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        raise NotVerified('the file is not UTF-8')
    check(text == '' or text.endswith('\n'), 'the last line does not end with a line feed')
    lines = text.split('\n')[:-1]
    check(len(lines) == manifest['count'], f"{len(lines)} events, the manifest says {manifest['count']}")
    filter, previous = manifest['filter'], (0, GENESIS)
    indexes, leaves = [], []
    for number, line in enumerate(lines, 1):
        e = parse(line, f'line {number}')
        check(isinstance(e, dict) and list(e) == MEMBERS + ['hash'], f'line {number} does not hold the 26 members in their order')
        stored, sequence = e.pop('hash'), e['sequence']
        check(isinstance(sequence, int) and not isinstance(sequence, bool) and sequence > 0, f'line {number}: "sequence" is not a positive integer')
        try:
            canonical = json.dumps(e, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
        except UnicodeEncodeError:
            raise NotVerified(f'event {sequence} holds a character that has no UTF-8 form')
        check(line.encode('utf-8') == canonical[:-1] + b',"hash":' + json.dumps(stored).encode('ascii') + b'}', f'event {sequence} is not written in the canonical form')
        check(hashlib.sha256(canonical).hexdigest() == stored, f'event {sequence}: its content does not match its hash')
        check(sequence > previous[0], f'event {sequence} is out of order')
        check(sequence <= manifest['chainHeadSequence'], f'event {sequence} is beyond the chain head the manifest names')
        if sequence == previous[0] + 1:
            check(e['previousHash'] == previous[1], f'event {sequence} is not chained to event {previous[0]}')
        else:
            check(bool(filter), f'event {previous[0] + 1} is missing or out of order')
        problem = matches(e, filter)
        check(problem is None, f'event {sequence} does not belong to this export: {problem}')
        if previous[0] == 0:
            check([sequence, stored] == [manifest['firstSequence'], manifest['firstHash']], 'the first event differs from the manifest')
        previous = (sequence, stored)
        indexes.append(sequence - 1)
        leaves.append(leaf_hash(stored))
    check(not lines or list(previous) == [manifest['lastSequence'], manifest['lastHash']], 'the last event differs from the manifest')
    if not filter:
        # The whole log: it must reach the head the export saw, or events were cut off its end.
        check(list(previous) == [manifest['chainHeadSequence'], manifest['chainHeadHash']], f"the log ends at event {previous[0]}, but the chain head was event {manifest['chainHeadSequence']}: events are missing at the end")
    # Every event, at its sequence, is in the log the checkpoint signed: the events and the proof must give its tree root.
    signed_root = manifest['checkpoint'].get('treeRoot')
    check(isinstance(signed_root, str), 'the checkpoint signs no Merkle tree root, so the events cannot be proven to stand in the log (export again)')
    check(isinstance(manifest['proofFile'], str) and os.path.basename(manifest['proofFile']) == manifest['proofFile'], 'the manifest\'s proofFile is not a file name')
    proof = read_proof(os.path.join(os.path.dirname(os.path.abspath(manifest_path)), manifest['proofFile']), manifest)
    check(tree_root(manifest['chainHeadSequence'], indexes, leaves, proof) == signed_root,
          'the events and their inclusion proof do not give the tree root the checkpoint signed: an event is not the one the log holds at its sequence')
    identity = verify_signatures(manifest_bytes, manifest, manifest_path + '.sig',
                                 key_path or os.path.join(os.path.dirname(os.path.abspath(manifest_path)), 'public-key.pem'))
    return (f"VERIFIED: {len(lines)} events, last sequence {previous[0]}, last hash {previous[1]}; each stands at its sequence in the log of "
            f"signed checkpoint {manifest['checkpoint']['checkpoint']} (events 1 to {manifest['chainHeadSequence']}, tree root {signed_root}, {len(proof)} proof hashes); "
            f"key {identity} (compare it with the key the provider published)")

if __name__ == '__main__':
    if len(sys.argv) not in (3, 4):
        sys.exit('usage: python3 verify-audit-export.py EXPORT.jsonl manifest.json [public-key.pem]')
    try:
        print(verify(*sys.argv[1:]))
    except NotVerified as problem:
        sys.exit(f'NOT VERIFIED: {problem}')
    except (OSError, KeyError, TypeError, ValueError) as error:
        sys.exit(f'NOT VERIFIED: the files cannot be read as an export and its manifest ({type(error).__name__}: {error})')
