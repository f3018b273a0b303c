// End-to-end witness (立会人型) contracts on SQLite against a bare PDFSigner B-T of the same PDF
// with the same TSA, in the same run (issue 14's benchmark; goal: the workflow ≤ 1.5× bare signing).
//
//   ContractBenchmark [--runs N] [--pages P] [--only bare|anchored|plain|complete]
//
// A "flow" is: create (the PDF stored), send (invitation), the participant opens the link,
// requests and enters the e-mail OTP, instructs the witness signature (PDFSigner B-T with the
// evidence attribute), and the contract completes. Three flows run in the same process:
// - anchored: completion = the `completed` event with the audit head anchored by an RFC 3161
//   token from the same TSA (the issue's "complete with the local TSA"; the goal is judged on it);
// - plain: the same without the anchor token (the workflow's own overhead around the signature);
// - complete: anchored plus a completion handler doing what a host's completion does: the
//   contract extended to B-LTA (sandbox revocation data, document timestamp) and the completion
//   certificate composed and signed at B-LTA. It holds two more signatures' worth of work, so it
//   is reported against the bare B-T and against bare B-T + the same completion work done alone.
// Runs alternate bare / anchored / plain / complete so that load on the machine hits all alike;
// medians are reported. `--only` runs one side (for `valgrind --tool=callgrind`).
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
    var sides: Set<String> = ["bare", "anchored", "plain", "complete"]

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--runs": runs = iterator.next().flatMap(Int.init) ?? runs
            case "--pages": pages = iterator.next().flatMap(Int.init) ?? pages
            case "--only": sides = [iterator.next() ?? ""]
            default:
                print("usage: ContractBenchmark [--runs N] [--pages P] [--only bare|anchored|plain|complete]")
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
let revocation = try pki.revocationDataSource()

/// What a host's completion does (as the CLI's steps): the contract to B-LTA, and the completion
/// certificate composed and signed at B-LTA. Its own CPU time is recorded.
actor CompletionWork: ContractCompletionHandler {
    private(set) var cpu: [Double] = []
    let revocation: any RevocationDataSource, tsa: LocalTimestampAuthority, root: Certificate, key: SoftwareSigningKey
    init(revocation: any RevocationDataSource, tsa: LocalTimestampAuthority, root: Certificate, key: SoftwareSigningKey) {
        self.revocation = revocation
        self.tsa = tsa
        self.root = root
        self.key = key
    }
    func contractCompleted(_ completed: CompletedContract) async throws {
        let start = cpuSeconds()
        let ltv = PDFLongTermValidation(revocationSource: revocation, timestampAuthority: tsa, extraCertificates: [root], issuerSource: nil)
        _ = try await ltv.extendingToLTA(PDFDocument(bytes: completed.document))
        let certificate = CompletionCertificate(completed: completed, issuer: "EContractKit Benchmark",
                                                fonts: PDFComposerFonts(regular: .predefined(.heiseiKakuGothicW5)))
        var signer = PDFSigner(key: key, level: .lta, timestampAuthority: tsa)
        signer.revocationSource = revocation
        signer.extraCertificates = [root]
        signer.issuerSource = nil
        _ = try await certificate.signed(by: signer)
        cpu.append(cpuSeconds() - start)
    }
    func reset() { cpu = [] }
}
let completionWork = CompletionWork(revocation: revocation, tsa: tsa, root: pki.root, key: witness)

func makeWorkflow(anchored: Bool, completion: (any ContractCompletionHandler)? = nil) -> ContractWorkflow {
    ContractWorkflow(dependencies: .init(
        store: database, documents: documents, notifier: notifier, signingEngine: engine,
        accessPolicy: OrganisationAccessPolicy(members: ["org": [owner.userID: .owner]]),
        anchoring: anchored ? TimestampAuditAnchoring(authority: tsa) : nil, completionHandler: completion))
}
let workflows: [String: ContractWorkflow] = [
    "anchored": makeWorkflow(anchored: true), "plain": makeWorkflow(anchored: false),
    "complete": makeWorkflow(anchored: true, completion: completionWork),
]

/// The bare side: the same PDF, the same key and TSA, PDFSigner B-T.
func bareSign() async throws {
    var signatureOptions = PDFSignatureOptions()
    signatureOptions.fieldName = "Signature1"
    signatureOptions.signerName = "立会 太郎"
    let signer = PDFSigner(key: witness, options: signatureOptions, level: .t, timestampAuthority: tsa)
    _ = try await signer.sign(PDFDocument(bytes: pdf))
}

/// CPU time per flow step, by side.
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

/// One full witness contract through `side`'s workflow.
func flow(_ side: String, _ index: Int) async throws {
    let workflow = workflows[side]!
    let participant = Participant(id: ParticipantID("\(side)-p\(index)"), name: "立会 太郎", email: "taro@example.jp", role: .signer, orderGroup: 1,
                                  signingMethod: .witness(.emailOTP))
    let draft = ContractDraft(title: "業務委託契約書 \(index)", organisationID: "org", participants: [participant])
    let contract = try await step("\(side)/create") { try await workflow.create(draft, pdf: pdf, by: owner) }
    let links = try await step("\(side)/send") { try await workflow.send(contract.id, by: owner) }
    guard let link = links.first?.link else { fatalError("no invitation") }
    let request = RequestInfo(ipAddress: "198.51.100.7", userAgent: "benchmark")
    _ = try await step("\(side)/open") { try await workflow.openInvitation(link, request: request) }
    try await step("\(side)/requestOTP") { try await workflow.requestOTP(link, factor: .emailOTP, request: request) }
    guard let code = await notifier.code(for: participant.id) else { fatalError("no OTP") }
    try await step("\(side)/verifyOTP") { try await workflow.verifyOTP(link, factor: .emailOTP, code: code, request: request) }
    _ = try await step("\(side)/sign+complete") {
        try await workflow.signAsWitness(link, instruction: WitnessSigningInstruction(
            documentSHA256: contract.document.sha256, consentText: "上記の内容に同意し、署名を指示します。", request: request))
    }
    let final = try await workflow.contract(contract.id, by: owner)
    guard final.state == .completed else { fatalError("the contract is \(final.state), not completed") }
}

let sides = ["bare", "anchored", "plain", "complete"].filter(options.sides.contains)
func run(_ side: String, _ index: Int) async throws {
    if side == "bare" { try await bareSign() } else { try await flow(side, index) }
}

// One warm-up of each (first-use costs: PKI, SQLite pages, code loading).
for side in sides { try await run(side, 0) }
stepTimes = [:]
stepOrder = []
await completionWork.reset()

var wall: [String: [Double]] = [:], cpu: [String: [Double]] = [:]
for index in 1...options.runs {
    for side in sides {
        let start = DispatchTime.now(), cpuStart = cpuSeconds()
        try await run(side, index)
        wall[side, default: []].append(seconds(since: start))
        cpu[side, default: []].append(cpuSeconds() - cpuStart)
    }
}

func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2f×", a / b) }
print("witness contract on SQLite vs bare PDFSigner B-T (\(pdf.count)-byte PDF, \(options.pages) pages, sandbox key RSA-2048, local TSA, \(options.runs) runs each, medians)")
let labels = ["bare": "bare PDFSigner B-T", "anchored": "flow, anchored", "plain": "flow, no anchor", "complete": "flow + B-LTA + cert"]
for side in sides {
    let label = (labels[side] ?? side).padding(toLength: 22, withPad: " ", startingAt: 0)
    var line = "\(label) wall \(ms(median(wall[side] ?? []))) (\(String(format: "%.1f", 1 / median(wall[side] ?? [])))/s), CPU \(ms(median(cpu[side] ?? [])))"
    if side != "bare", let bareWall = wall["bare"], let bareCPU = cpu["bare"] {
        line += "   ratio to bare: wall \(ratio(median(wall[side]!), median(bareWall))), CPU \(ratio(median(cpu[side]!), median(bareCPU)))"
    }
    print(line)
}
if sides.contains("complete"), let bareCPU = cpu["bare"], let completeCPU = cpu["complete"] {
    let work = median(await completionWork.cpu)
    print("  completion work alone (B-LTA + certificate) CPU \(ms(work)); flow + B-LTA + cert against bare B-T + that work: CPU \(ratio(median(completeCPU), median(bareCPU) + work))")
}
print("  goal (≤ 1.5×) judged on \"flow, anchored\" CPU: create … completed with the audit head timestamped by the local TSA")
for side in sides where side != "bare" {
    print("  \(side) steps (CPU): " + stepOrder.filter { $0.hasPrefix(side + "/") }
        .map { "\($0.dropFirst(side.count + 1)) \(ms(median(stepTimes[$0] ?? [])))" }.joined(separator: ", "))
}
