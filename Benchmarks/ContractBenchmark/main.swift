// End-to-end witness (立会人型) contracts on SQLite against a bare PDFSigner B-T of the same PDF
// with the same TSA, in the same run (issue 14's benchmark; goal: the workflow ≤ 1.5× bare signing).
//
//   ContractBenchmark [--runs N] [--pages P] [--anchor-only-at-completion|--no-anchor] [--flow-only|--bare-only]
//
// A "flow" is: create (the PDF stored), send (invitation), the participant opens the link,
// requests and enters the e-mail OTP, instructs the witness signature (PDFSigner B-T with the
// evidence attribute), and the contract completes (the `completed` event, the audit head
// anchored by an RFC 3161 token from the same TSA). No completion handler runs (B-LTA and the
// completion certificate are the host's choice and are measured by PDFSignBenchmark).
// Runs alternate bare / flow so that load on the machine hits both alike; medians are reported.
//
// `--flow-only` / `--bare-only` run one side (for `valgrind --tool=callgrind`).
import CMSCore
import ContractModel
import ContractStoreSQLite
import Foundation
import PDFSign
import TimestampClient
import X509

struct Options {
    var runs = 20
    var pages = 3
    var anchoring = true
    var flow = true
    var bare = true

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--runs": runs = iterator.next().flatMap(Int.init) ?? runs
            case "--pages": pages = iterator.next().flatMap(Int.init) ?? pages
            case "--no-anchor": anchoring = false
            case "--flow-only": bare = false
            case "--bare-only": flow = false
            default:
                print("usage: ContractBenchmark [--runs N] [--pages P] [--no-anchor] [--flow-only|--bare-only]")
                exit(2)
            }
        }
    }
}

/// Collects the OTPs the workflow sends (the benchmark's participant reads its code here).
actor CollectingNotifier: Notifier {
    private var codes: [ParticipantID: String] = [:]
    func deliver(_ message: NotificationMessage) async throws {
        if let code = message.oneTimePassword, let participant = message.participantID { codes[participant] = code }
    }
    func code(for participant: ParticipantID) -> String? { codes[participant] }
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// CPU seconds used by this process so far (all threads): less sensitive to a loaded machine than wall time.
#if os(Linux)
let RUSAGE_SELF_VALUE = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
let RUSAGE_SELF_VALUE = RUSAGE_SELF
#endif
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF_VALUE, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func ms(_ value: Double) -> String { String(format: "%.1f ms", value * 1000) }

/// A PDF of `pages` text pages (classic cross-reference table).
func samplePDF(pages: Int) -> [UInt8] {
    var bytes = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
    var objects = ["<< /Type /Catalog /Pages 2 0 R >>",
                   "<< /Type /Pages /Kids [\((0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>",
                   "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for page in 0..<pages {
        let lines = (0..<40).map { "BT /F1 10 Tf 72 \(780 - 18 * $0) Td (Article \(page * 40 + $0): the parties agree to the terms set out here.) Tj ET" }
        let content = lines.joined(separator: "\n")
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * page) 0 R >>")
        objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
    }
    var offsets: [Int] = []
    for (index, body) in objects.enumerated() {
        offsets.append(bytes.count)
        bytes += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
    }
    let xref = bytes.count
    var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets {
        let text = String(offset)
        table += String(repeating: "0", count: 10 - text.count) + text + " 00000 n \n"
    }
    table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return bytes + Array(table.utf8)
}

let options = Options(CommandLine.arguments)
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("contract-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

let pki = try SandboxPKI.openOrCreate(at: directory.appendingPathComponent("sandbox"))
let witness = try pki.signer(named: "witness", subject: try DistinguishedName {
    CountryName("JP")
    CommonName("EContractKit 立会人")
})
let tsa = try LocalTimestampAuthority(key: pki.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1, 1])
let pdf = samplePDF(pages: options.pages)

let database = try SQLiteContractStore(path: directory.appendingPathComponent("contracts.sqlite").path)
let documents = try SQLiteDocumentStore(directory: directory.appendingPathComponent("documents"), database: database)
let notifier = CollectingNotifier()
let owner = AuthenticationContext(userID: UserID("owner"), mfaSatisfied: true, request: RequestInfo(ipAddress: "192.0.2.10", userAgent: "benchmark"))
let engine = PDFSignerContractEngine(witnessKey: witness, platformName: "EContractKit Benchmark", timestampAuthority: tsa, level: .t)
let workflow = ContractWorkflow(dependencies: .init(
    store: database, documents: documents, notifier: notifier, signingEngine: engine,
    accessPolicy: OrganisationAccessPolicy(members: ["org": [owner.userID: .owner]]),
    anchoring: options.anchoring ? TimestampAuditAnchoring(authority: tsa) : nil))

/// The bare side: the same PDF, the same key and TSA, PDFSigner B-T.
func bareSign() async throws {
    var signatureOptions = PDFSignatureOptions()
    signatureOptions.fieldName = "Signature1"
    signatureOptions.signerName = "立会 太郎"
    let signer = PDFSigner(key: witness, options: signatureOptions, level: .t, timestampAuthority: tsa)
    _ = try await signer.sign(PDFDocument(bytes: pdf))
}

/// CPU time per flow step (medians printed with `--steps`).
nonisolated(unsafe) var stepTimes: [String: [Double]] = [:]
nonisolated(unsafe) var stepOrder: [String] = []
func step<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
    let start = cpuSeconds()
    defer {
        if stepTimes[name] == nil { stepOrder.append(name) }
        stepTimes[name, default: []].append(cpuSeconds() - start)
    }
    return try await body()
}

/// The flow side: one full witness contract.
func flow(_ index: Int) async throws {
    let participant = Participant(id: ParticipantID("p\(index)"), name: "立会 太郎", email: "taro@example.jp", role: .signer, orderGroup: 1,
                                  signingMethod: .witness(.emailOTP))
    let draft = ContractDraft(title: "業務委託契約書 \(index)", organisationID: "org", participants: [participant])
    let contract = try await step("create") { try await workflow.create(draft, pdf: pdf, by: owner) }
    let links = try await step("send") { try await workflow.send(contract.id, by: owner) }
    guard let link = links.first?.link else { fatalError("no invitation") }
    let request = RequestInfo(ipAddress: "198.51.100.7", userAgent: "benchmark")
    _ = try await step("open") { try await workflow.openInvitation(link, request: request) }
    try await step("requestOTP") { try await workflow.requestOTP(link, factor: .emailOTP, request: request) }
    guard let code = await notifier.code(for: participant.id) else { fatalError("no OTP") }
    try await step("verifyOTP") { try await workflow.verifyOTP(link, factor: .emailOTP, code: code, request: request) }
    _ = try await step("sign+complete") {
        try await workflow.signAsWitness(link, instruction: WitnessSigningInstruction(
            documentSHA256: contract.document.sha256, consentText: "上記の内容に同意し、署名を指示します。", request: request))
    }
    let final = try await workflow.contract(contract.id, by: owner)
    guard final.state == .completed else { fatalError("the contract is \(final.state), not completed") }
}

// One warm-up of each (first-use costs: PKI, SQLite pages, code loading).
if options.bare { try await bareSign() }
if options.flow { try await flow(0) }
stepTimes = [:]
stepOrder = []

var bareTimes: [Double] = [], bareCPU: [Double] = []
var flowTimes: [Double] = [], flowCPU: [Double] = []
for index in 1...options.runs {
    if options.bare {
        let start = DispatchTime.now(), cpu = cpuSeconds()
        try await bareSign()
        bareTimes.append(seconds(since: start))
        bareCPU.append(cpuSeconds() - cpu)
    }
    if options.flow {
        let start = DispatchTime.now(), cpu = cpuSeconds()
        try await flow(index)
        flowTimes.append(seconds(since: start))
        flowCPU.append(cpuSeconds() - cpu)
    }
}

print("witness contract on SQLite vs bare PDFSigner B-T (\(pdf.count)-byte PDF, \(options.pages) pages, sandbox key RSA-2048, local TSA, \(options.runs) runs each, anchoring \(options.anchoring ? "on" : "off"))")
if options.bare {
    print("bare PDFSigner B-T   median wall \(ms(median(bareTimes))) (\(String(format: "%.1f", 1 / median(bareTimes)))/s), CPU \(ms(median(bareCPU)))")
}
if options.flow {
    print("full witness flow    median wall \(ms(median(flowTimes))) (\(String(format: "%.1f", 1 / median(flowTimes)))/s), CPU \(ms(median(flowCPU)))")
}
if options.flow {
    print("  steps (CPU): " + stepOrder.map { "\($0) \(ms(median(stepTimes[$0] ?? [])))" }.joined(separator: ", "))
}
if options.bare && options.flow {
    print("ratio flow/bare      wall \(String(format: "%.2f", median(flowTimes) / median(bareTimes)))×, CPU \(String(format: "%.2f", median(flowCPU) / median(bareCPU)))×   (goal ≤ 1.5×)")
}
