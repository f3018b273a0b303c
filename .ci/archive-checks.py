#!/usr/bin/env python3
"""Must-show checks for `econtract archive` (issue 15), independent of the Swift code.

1. N randomised records with 取引先 spelling variants are imported with the CLI; 200 random
   queries (date range, amount range, counterparty substring of 1-3 characters, type, AND-combined)
   are compared with a plain computation over the same CSV, with the normalisation rules
   re-implemented here (Python's unicodedata NFKC).
2. Export: unzip, `sha256sum -c`, and index.csv (Python csv) equals the search.
3. kill -9 during an import: every committed record re-hashes (`archive verify`), no orphan blob
   remains after reopening, and re-running the import completes it.
4. Refusals: delete before the retention end and under a hold is refused (exit 1), after it is
   allowed and logged; a correction shows in the history and its PDF renders.

Usage: archive-checks.py ECONTRACT_BINARY WORKDIR [N] [QUERIES]
"""
import csv, hashlib, io, json, os, random, signal, sqlite3, subprocess, sys, time, unicodedata, zipfile

BIN, WORK = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
QUERIES = int(sys.argv[4]) if len(sys.argv) > 4 else 200
rng = random.Random(15)
os.makedirs(WORK, exist_ok=True)

# ---- the normalisation, written independently from the spec in the issue ----
DASHES = set('-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70\uff0d\u2500\u2501\ufe63\u2043')
FORMS = {
    '株式会社': ['株式会社', '(株)', '㈱', '㍿', 'カブシキガイシャ', 'カブシキカイシャ'], '有限会社': ['有限会社', '(有)', '㈲'],
    '合同会社': ['合同会社', '(同)'], '合資会社': ['合資会社', '(資)'], '合名会社': ['合名会社', '(名)'],
    '一般社団法人': ['一般社団法人', '(一社)'], '一般財団法人': ['一般財団法人', '(一財)'], '公益社団法人': ['公益社団法人', '(公社)'],
    '公益財団法人': ['公益財団法人', '(公財)'], '特定非営利活動法人': ['特定非営利活動法人', 'NPO法人'], '医療法人': ['医療法人', '(医)'],
    '学校法人': ['学校法人', '(学)'], '社会福祉法人': ['社会福祉法人', '(福)'], 'Co., Ltd.': ['Co., Ltd.', 'Co.,Ltd.', 'Co. Ltd.', 'Co.Ltd.'],
    'Inc.': ['Inc.', 'Incorporated'], 'LLC': ['LLC', 'L.L.C.'], 'Ltd.': ['Ltd.', 'Limited'],
}

def key(text):
    text = unicodedata.normalize('NFKC', text)  # Python composes ｶﾞ → ガ
    text = unicodedata.normalize('NFC', text)
    out = []
    for ch in text.lower():
        o = ord(ch)
        if ch.isspace() or ch in '\u30fb\uff65\u00b7':
            continue
        if ch in DASHES:
            out.append('ー'); continue
        if 0x3041 <= o <= 0x3096 or o in (0x309d, 0x309e):
            out.append(chr(o + 0x60)); continue
        out.append(ch)
    return ''.join(out)

PATTERNS = sorted({key(s) for spellings in FORMS.values() for s in spellings}, key=lambda p: -len(p))

def counterparty_key(text):
    k = key(text.strip())
    for p in PATTERNS:
        if k.startswith(p) and len(k) > len(p):
            k = k[len(p):]
        if k.endswith(p) and len(k) > len(p):
            k = k[:-len(p)]
    for p in PATTERNS:
        if not p.isascii() and p in k:
            removed = k.replace(p, '')
            if removed:
                k = removed
    return k

# ---- randomised records with spelling variants ----
BASES = ['ヤマダ商事', 'サトウ工業', 'ガギグ物産', 'パピプ電機', 'スズキ・トレーディング', 'タナカ建設', 'ABC Trading', 'Zinc Works', 'ノースーウエスト',
         '山田製作所', '東京デンキ', 'ブルーバード', 'ヴィーナス', 'マルイチ', 'アオバ', 'コーヒー豆店']
HALF = dict(zip('アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー・',
                'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ･'))

def half_width(text):
    out = []
    for ch in unicodedata.normalize('NFD', text):
        if ch == '\u3099': out.append('ﾞ')
        elif ch == '\u309a': out.append('ﾟ')
        else: out.append(HALF.get(ch, ch))
    return ''.join(out)

def variant(base):
    name = base
    r = rng.random()
    if r < 0.2: name = half_width(name)
    elif r < 0.35: name = ''.join(chr(ord(c) - 0x60) if 0x30a1 <= ord(c) <= 0x30f6 else c for c in name)  # hiragana
    elif r < 0.45: name = ''.join(chr(ord(c) + 0xfee0) if '!' <= c <= '~' else c for c in name)  # full-width Latin
    if rng.random() < 0.3: name = name.upper() if rng.random() < 0.5 else name.lower()
    if rng.random() < 0.2: name = name.replace('ー', rng.choice(['-', '―', '－', 'ｰ']))
    if rng.random() < 0.15 and len(name) > 2: name = name[:2] + rng.choice([' ', '　']) + name[2:]
    form = rng.choice(['', '', '株式会社', '(株)', '㈱', '㍿', '（株）', '有限会社', '合同会社', 'Inc.'])
    if form:
        name = form + name if rng.random() < 0.5 else name + rng.choice(['', ' ']) + form
    return name

def run(*args, check=True, env=None):
    result = subprocess.run([BIN, 'archive', *args], capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        sys.exit(f'FAIL: econtract archive {" ".join(args)} exited {result.returncode}: {result.stderr}')
    return result

def build_csv(folder, count, prefix):
    os.makedirs(os.path.join(folder, 'files'), exist_ok=True)
    rows = []
    for i in range(count):
        path = f'files/{prefix}{i:06d}.pdf'
        with open(os.path.join(folder, path), 'wb') as f:
            f.write(b'%PDF-1.4\n% record ' + str(i).encode() + b' ' + os.urandom(8).hex().encode() + b'\n%%EOF\n')
        y = rng.randint(2019, 2025)
        date = f'{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'
        rows.append({'file': path, 'transaction_date': date, 'amount': str(rng.choice([rng.randint(1, 999), rng.randint(1000, 99999), rng.randint(100000, 9999999)])),
                     'currency': 'JPY', 'counterparty': variant(rng.choice(BASES)), 'document_type': rng.choice(['契約書', '請求書', '領収書', '注文書']),
                     'received_date': date})
    csv_path = os.path.join(folder, 'records.csv')
    with open(csv_path, 'w', newline='', encoding='utf-8-sig') as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return csv_path, rows

def search_all(archive, args):
    ids, offset = [], 0
    while True:
        page = json.loads(run('search', '--archive', archive, '--json', '--limit', '1000', '--offset', str(offset), *args).stdout)
        ids += [(r['id'], r['fileName']) for r in page['records']]
        if not page['hasMore']: return ids
        offset += 1000

# ---- 1. import and 200 random queries ----
archive = os.path.join(WORK, 'archive')
csv_path, rows = build_csv(os.path.join(WORK, 'set'), N, 'r')
started = time.time()
summary = json.loads(run('import', '--archive', archive, '--csv', csv_path, '--json', '--progress').stdout)
assert summary['imported'] == N, summary
print(f'import: {N} records in {time.time() - started:.1f} s')
keys = [counterparty_key(r['counterparty']) for r in rows]
for q in range(QUERIES):
    args, expected = [], set(range(N))
    if rng.random() < 0.7:
        a = f'{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'
        b = f'{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'
        lo, hi = min(a, b), max(a, b)
        args += ['--from', lo, '--to', hi]
        expected &= {i for i, r in enumerate(rows) if lo <= r['transaction_date'] <= hi}
    if rng.random() < 0.6:
        lo = rng.choice([1, 500, 1000, 50000]); hi = lo + rng.choice([1000, 100000, 5000000])
        args += ['--min-amount', str(lo), '--max-amount', str(hi)]
        expected &= {i for i, r in enumerate(rows) if lo <= int(r['amount']) <= hi}
    if rng.random() < 0.8 or not args:
        source = variant(rng.choice(BASES)) if rng.random() < 0.5 else rng.choice(BASES)
        k = counterparty_key(source)
        length = rng.choice([1, 2, 2, 3])
        start = rng.randint(0, max(0, len(k) - length))
        # Query with the raw spelling's characters when they map one-to-one, else the key itself.
        text = k[start:start + length] if rng.random() < 0.5 else half_width(k[start:start + length])
        args += ['--counterparty', text]
        qk = counterparty_key(text)
        if qk:
            expected &= {i for i in range(N) if qk in keys[i]}
    if rng.random() < 0.3:
        t = rng.choice(['契約書', '請求書', '領収書', '注文書'])
        args += ['--type', t]
        expected &= {i for i, r in enumerate(rows) if r['document_type'] == t}
    got = {int(name[1:-4]) for _, name in search_all(archive, args)}
    if got != expected:
        sys.exit(f'FAIL: query {q} {args}: {len(got)} found, {len(expected)} expected; missing {sorted(expected - got)[:5]}, extra {sorted(got - expected)[:5]}')
print(f'search: {QUERIES} random queries match the independent computation')

# ---- 2. export ----
export_args = ['--from', '2021-01-01', '--to', '2021-12-31', '--counterparty', 'ﾔﾏ']
zip_path = os.path.join(WORK, 'export.zip')
run('export', '--archive', archive, '--out', zip_path, *export_args)
out = os.path.join(WORK, 'unzipped')
subprocess.run(['unzip', '-q', '-o', zip_path, '-d', out], check=True)
subprocess.run(['sha256sum', '-c', '--quiet', 'SHA256SUMS'], cwd=out, check=True)
raw = open(os.path.join(out, 'index.csv'), 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'index.csv has no UTF-8 BOM'
exported = list(csv.DictReader(io.StringIO(raw.decode('utf-8-sig'), newline='')))
searched = search_all(archive, export_args)
assert [r['id'] for r in exported] == [i for i, _ in searched], 'index.csv differs from the search'
for r in exported:
    original = rows[int(json.loads(run('show', r['id'], '--archive', archive, '--json').stdout)['fileName'][1:-4])]
    assert r['counterparty'] == original['counterparty'].strip() and r['amount'] == original['amount'], r
assert exported, 'the export selected no record, so it proved nothing (use more records)'
print(f'export: {len(exported)} records; sha256sum -c passes; index.csv (BOM) matches the search')

# ---- 3. kill -9 during an import ----
crash = os.path.join(WORK, 'crash-archive')
crash_csv, crash_rows = build_csv(os.path.join(WORK, 'crash'), N, 'c')
process = subprocess.Popen([BIN, 'archive', 'import', '--archive', crash, '--csv', crash_csv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
# Kill once a tenth of the rows are committed (read from the WAL index while the import writes),
# so the kill lands mid-import however fast the machine is; ARCHIVE_KILL_AFTER (seconds) overrides.
def committed_now():
    try:
        with sqlite3.connect(f'file:{os.path.join(crash, "index.sqlite")}?mode=ro', uri=True, timeout=1) as probe:
            return probe.execute('SELECT count(*) FROM records').fetchone()[0]
    except sqlite3.Error:
        return 0
if 'ARCHIVE_KILL_AFTER' in os.environ:
    time.sleep(float(os.environ['ARCHIVE_KILL_AFTER']))
else:
    deadline = time.monotonic() + 600
    while committed_now() < max(1, N // 10) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
process.send_signal(signal.SIGKILL)
process.wait()
db = sqlite3.connect(os.path.join(crash, 'index.sqlite'))
committed = db.execute('SELECT count(*) FROM records').fetchone()[0]
referenced = {row[0] for row in db.execute("SELECT blob_sha256 FROM records")}
db.close()
blobs = {name for _, _, names in os.walk(os.path.join(crash, 'blobs')) for name in names if len(name) == 64}
missing = referenced - blobs
assert not missing, f'records without blobs: {missing}'
print(f'kill -9: {committed} records committed, {len(blobs - referenced)} unreferenced blob(s) before reopening')
assert 0 < committed < N, f'the kill came too early or too late ({committed}); set ARCHIVE_KILL_AFTER'
report = json.loads(run('verify', '--archive', crash, '--json').stdout)  # reopening sweeps; verify re-hashes everything
assert report['recordsChecked'] == committed and not report['findings'], report
blobs_after = {name for _, _, names in os.walk(os.path.join(crash, 'blobs')) for name in names if len(name) == 64}
assert blobs_after == referenced, 'orphan blobs remain after reopening'
resumed = json.loads(run('import', '--archive', crash, '--csv', crash_csv, '--json').stdout)
assert resumed['alreadyImported'] == committed and resumed['imported'] == N - committed, resumed
report = json.loads(run('verify', '--archive', crash, '--json').stdout)
assert report['recordsChecked'] == N and not report['findings'], report
print(f'kill -9: every committed record re-hashes, no orphan after reopening, the re-run imported the remaining {N - committed}')

# ---- 4. refusals, corrections, history PDF ----
doc = os.path.join(WORK, 'set', 'files', 'r000000.pdf')
rid = json.loads(run('ingest', doc, '--archive', archive, '--date', '2018-02-10', '--amount', '1000', '--counterparty', '株式会社テスト', '--json').stdout)['id']
refused = run('delete', rid, '--reason', 'test', '--as-of', '2025-05-31', '--archive', archive, check=False)
assert refused.returncode == 1 and 'retentionNotEnded' in refused.stderr, refused.stderr
run('hold', rid, '--reason', '税務調査', '--archive', archive)
held = run('delete', rid, '--reason', 'test', '--as-of', '2025-06-01', '--archive', archive, check=False)
assert held.returncode == 1 and 'underLegalHold' in held.stderr, held.stderr
run('hold', rid, '--reason', '調査終了', '--release', '--archive', archive)
run('correct', rid, '--field', 'amount', '--value', '1100', '--reason', '金額の入力誤り', '--archive', archive, '--actor', '経理 佐藤')
history = json.loads(run('history', rid, '--archive', archive, '--json', '--pdf', os.path.join(WORK, 'history.pdf'), '--csv', os.path.join(WORK, 'history.csv')).stdout)
assert [h['version'] for h in history] == [1, 2] and history[1]['reason'] == '金額の入力誤り', history
text = subprocess.run(['pdftotext', os.path.join(WORK, 'history.pdf'), '-'], capture_output=True, text=True).stdout
assert '金額の入力誤り' in text and '訂正削除履歴' in text, text
assert '1,000 JPY' in text and '1,100 JPY' in text, 'the history PDF shows the amounts grouped: ' + text
deleted = json.loads(run('delete', rid, '--reason', '保存期間満了', '--as-of', '2025-06-01', '--archive', archive, '--json').stdout)
assert deleted['recordID'] == rid
gone = run('show', rid, '--archive', archive, '--out', os.path.join(WORK, 'gone.pdf'), check=False)
assert gone.returncode == 1 and 'disposed' in gone.stderr
db = sqlite3.connect(os.path.join(archive, 'index.sqlite'))
log = [json.loads(e)['details'] for (e,) in db.execute('SELECT entry FROM access_log ORDER BY sequence')]
assert sum(1 for d in log if d.get('operation') == 'delete') == 3, 'refusals and the deletion are not all logged'
print('refusals: before the end and under a hold refused (exit 1), after it allowed; all three logged; history PDF has the correction')
print('archive checks: OK')
