import CMSCore
import EvidenceRecords
import Foundation
import PDFSign
import TimestampClient
import X509

// Evidence records for N archived documents (default 1,000,000) built and renewed with one TSA
// call each time, next to `pdf ltv`-style renewal (a DSS update and a document timestamp per PDF)
// on a small sample, extrapolated to N. Everything is in process (sandbox PKI, local TSA,
// local revocation data): only our work is timed, not a network TSA.
//
//   EvidenceRecordBenchmark [--count N] [--ltv-sample K] [--verify-sample V]

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]), value > 0 else { return fallback }
    return value
}
let count = option("--count", 1_000_000)
let ltvSample = option("--ltv-sample", 5)
let verifySample = option("--verify-sample", 100)

actor Calls { var count = 0; func add() { count += 1 } }
struct CountingTSA: TimestampAuthority {
    let inner: LocalTimestampAuthority
    let calls = Calls()
    func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken {
        await calls.add()
        return try await inner.timestamp(digest: digest, algorithm: algorithm)
    }
}

func seconds(_ start: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
func format(_ value: Double) -> String { String(format: "%.3f s", value) }
func document(_ index: Int) -> [UInt8] { Array("archived contract #\(index) — 契約書 \(index * 7919)".utf8) }

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ers-benchmark-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
let pki = try SandboxPKI.openOrCreate(at: scratch.appendingPathComponent("pki"))
let tsa = CountingTSA(inner: LocalTimestampAuthority(key: try pki.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1, 1]))

print("Evidence records (RFC 4998) for \(count) documents; sandbox PKI, in-process TSA, \(ProcessInfo.processInfo.activeProcessorCount) cores")

// 1. Build: hash every document, one hash tree, one timestamp, one record each.
var start = DispatchTime.now()
let groups = (0..<count).map { DataObjectGroup(digests: [DigestAlgorithm.sha256.hash(document($0))]) }
var records = try await EvidenceRecordBuilder(authority: tsa).records(for: groups)
let buildTime = seconds(start)
let buildCalls = await tsa.calls.count
print("build:                 \(format(buildTime))  TSA calls: \(buildCalls)")

// 2. Timestamp renewal: one new archive timestamp over the previous token, shared by all.
start = DispatchTime.now()
records = try await EvidenceRecordRenewer(authority: tsa).renewTimestamps(records)
let renewTime = seconds(start)
let renewCalls = await tsa.calls.count - buildCalls
print("timestamp renewal:     \(format(renewTime))  TSA calls: \(renewCalls)   (goal ≤ 10 s for 1,000,000)")

// 3. Hash-tree renewal SHA-256 → SHA-512: each record's sequence is encoded and hashed, each
//    document hashed again (the documents are small and in memory here).
start = DispatchTime.now()
let objects = (0..<count).map { [DataObject.digests([.sha512: DigestAlgorithm.sha512.hash(document($0))])] }
records = try await EvidenceRecordRenewer(authority: tsa).renewHashTrees(records, dataObjects: objects, algorithm: .sha512)
let rehashTime = seconds(start)
let rehashCalls = await tsa.calls.count - buildCalls - renewCalls
print("hash-tree renewal:     \(format(rehashTime))  TSA calls: \(rehashCalls)")

// 4. Writing: every record's DER (not kept), and a verified sample.
start = DispatchTime.now()
var totalBytes = 0
for record in records { totalBytes += try record.derEncoded().count }
let encodeTime = seconds(start)
print("DER encoding (all):    \(format(encodeTime))  \(totalBytes / count) bytes per record on average, \(totalBytes / 1_048_576) MiB in all")
let verifier = EvidenceRecordVerifier(policy: EvidenceRecordVerificationPolicy(timestamps: TimestampVerificationPolicy(trustAnchors: [pki.root])))
start = DispatchTime.now()
let stride = max(1, count / verifySample)
var verified = 0, passed = 0
for index in Swift.stride(from: 0, to: count, by: stride) {
    let report = await verifier.verify(try EvidenceRecord(derEncoded: try records[index].derEncoded()), dataObjects: [.bytes(document(index))])
    verified += 1
    if report.indication == .totalPassed { passed += 1 }
}
print("verify sample:         \(passed)/\(verified) TOTAL-PASSED, \(format(seconds(start) / Double(verified))) per record")
records = []

// 5. The per-document alternative: `pdf ltv` on a B-LTA PDF (DSS update + document timestamp), per file.
let key = try pki.signer(named: "benchmark", subject: try DistinguishedName { CountryName("JP"); CommonName("Benchmark Signer") })
var signer = PDFSigner(key: key, level: .lta, timestampAuthority: tsa.inner)
signer.revocationSource = try pki.revocationDataSource()
signer.extraCertificates = [pki.root]
signer.issuerSource = nil
let ltvTSA = CountingTSA(inner: tsa.inner)
let ltv = PDFLongTermValidation(revocationSource: try pki.revocationDataSource(), timestampAuthority: ltvTSA, extraCertificates: [pki.root], issuerSource: nil)
var ltvTimes: [Double] = []
for index in 0..<ltvSample {
    let signed = try await signer.sign(try PDFDocument(bytes: MinimalPDF.bytes(text: "archived contract #\(index)")))
    start = DispatchTime.now()
    _ = try await ltv.extendingToLTA(try PDFDocument(bytes: signed))
    ltvTimes.append(seconds(start))
}
let perFile = ltvTimes.reduce(0, +) / Double(ltvTimes.count)
let ltvCalls = await ltvTSA.calls.count
print("pdf ltv renewal:       \(format(perFile)) per file on \(ltvSample) files (\(ltvCalls) TSA calls) → \(format(perFile * Double(count))) and \(ltvCalls / ltvSample * count) TSA calls extrapolated to \(count)")
print("TSA calls per renewal: evidence records 1, pdf ltv \(count): \(count - 1) saved (\(String(format: "%.1f", perFile * Double(count) / max(renewTime, 1e-9)))× the timestamp renewal's time)")
