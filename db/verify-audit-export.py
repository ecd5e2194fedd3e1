#!/usr/bin/env python3
"""Checks an AccessConsole audit export (JSON Lines) against its signed manifest, as db/audit-format.md describes.
Usage: python3 verify-audit-export.py EXPORT.jsonl manifest.json [public-key.pem]   (exits 1 at the first problem)
The manifest's signature is read from manifest.json.sig beside it; the public key defaults to public-key.pem beside it.
Signatures are checked with the openssl command."""
import base64, hashlib, json, os, re, subprocess, sys, tempfile

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

def verify_signatures(manifest_bytes, manifest, signature_path, key_path):
    """The manifest is signed, and so is the checkpoint of the head it names; both by the key given."""
    check(os.path.exists(signature_path), f'the manifest has no signature ({os.path.basename(signature_path)} is missing)')
    check(os.path.exists(key_path), f'no public key to check the signature with ({key_path})')
    check(openssl_verifies(key_path, open(signature_path, 'rb').read(), manifest_bytes), 'the manifest\'s signature is not valid: it was changed after it was signed, or signed by another key')
    checkpoint = manifest.get('checkpoint')
    check(isinstance(checkpoint, dict), 'the manifest holds no checkpoint')
    text = json.dumps({name: checkpoint.get(name) for name in CHECKPOINT}, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
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
    for member in ('sha256', 'count', 'filter', 'firstSequence', 'firstHash', 'lastSequence', 'lastHash', 'chainHeadSequence', 'chainHeadHash'):
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
    check(not lines or list(previous) == [manifest['lastSequence'], manifest['lastHash']], 'the last event differs from the manifest')
    if not filter:
        # The whole log: it must reach the head the export saw, or events were cut off its end.
        check(list(previous) == [manifest['chainHeadSequence'], manifest['chainHeadHash']], f"the log ends at event {previous[0]}, but the chain head was event {manifest['chainHeadSequence']}: events are missing at the end")
    identity = verify_signatures(manifest_bytes, manifest, manifest_path + '.sig',
                                 key_path or os.path.join(os.path.dirname(os.path.abspath(manifest_path)), 'public-key.pem'))
    return (f"VERIFIED: {len(lines)} events, last sequence {previous[0]}, last hash {previous[1]}; signed checkpoint "
            f"{manifest['checkpoint']['checkpoint']} at event {manifest['chainHeadSequence']}; key {identity} (compare it with the key the provider published)")

if __name__ == '__main__':
    if len(sys.argv) not in (3, 4):
        sys.exit('usage: python3 verify-audit-export.py EXPORT.jsonl manifest.json [public-key.pem]')
    try:
        print(verify(*sys.argv[1:]))
    except NotVerified as problem:
        sys.exit(f'NOT VERIFIED: {problem}')
    except (OSError, KeyError, TypeError, ValueError) as error:
        sys.exit(f'NOT VERIFIED: the files cannot be read as an export and its manifest ({type(error).__name__}: {error})')
