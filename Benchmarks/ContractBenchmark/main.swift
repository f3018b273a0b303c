// End-to-end witness (立会人型) contracts on SQLite against a bare PDFSigner B-T of the same PDF
// with the same TSA, in the same run (issue 14's benchmark; goal: the workflow ≤ 1.5× bare signing).
//
//   ContractBenchmark [--runs N] [--pages P] [--dir DIRECTORY] [--only bare|floor|anchored|memory|plain|complete]
//
// A "flow" is: create (the PDF stored), send (invitation), the participant opens the link,
// requests and enters the e-mail OTP, instructs the witness signature (PDFSigner B-T with the
// evidence attribute), and the contract completes. Every run signs a PDF of its own (its run
// number is in the text), so that each flow really stores its document. Sides, in one process:
// - bare: PDFSigner B-T of the PDF alone;
// - floor: what any durable flow must do besides: the bare B-T, one RFC 3161 token over a
//   32-byte head (the audit anchor), two fsync'd document writes (the PDF and its signed
//   revision, FileDocumentStore) and six small SQLite commits (one per step) on the same kind of
//   database (WAL, synchronous = NORMAL);
// - anchored: completion = the `completed` event with the audit head anchored by an RFC 3161
//   token from the same TSA (the issue's "complete with the local TSA"; the goal is judged on it);
// - memory: anchored, on the in-memory stores (no SQLite, no files: the workflow's own CPU);
// - plain: anchored's SQLite flow without the anchor token;
// - complete: anchored plus a completion handler doing what a host's completion does: the
//   contract extended to B-LTA (sandbox revocation data, document timestamp) and the completion
//   certificate composed and signed at B-LTA. It holds two more signatures' worth of work, so it
//   is reported against the bare B-T and against bare B-T + the same completion work done alone.
// Runs alternate the sides so that load on the machine hits all alike; medians are reported.
// `--only` runs one side (for `valgrind --tool=callgrind`); `--dir` puts the stores on another disk.
import CMSCore
import ContractModel
import ContractStoreSQLite
import Foundation
import GRDB
import PDFSign
import TimestampClient
import X509

let options = Options(CommandLine.arguments)
let directory = options.directory.appendingPathComponent("contract-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

let pki = try SandboxPKI.openOrCreate(at: directory.appendingPathComponent("sandbox"))
let witness = try pki.signer(named: "witness", subject: try DistinguishedName {
    CountryName("JP")
    CommonName("EContractKit 立会人")
})
let tsa = try LocalTimestampAuthority(key: pki.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1, 1])

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

func makeWorkflow(anchored: Bool, completion: (any ContractCompletionHandler)? = nil, inMemory: Bool = false) -> ContractWorkflow {
    ContractWorkflow(dependencies: .init(
        store: inMemory ? InMemoryContractStore() : database, documents: inMemory ? InMemoryDocumentStore() : documents,
        notifier: notifier, signingEngine: engine,
        accessPolicy: OrganisationAccessPolicy(members: ["org": [owner.userID: .owner]]),
        anchoring: anchored ? TimestampAuditAnchoring(authority: tsa) : nil, completionHandler: completion))
}
let workflows: [String: ContractWorkflow] = [
    "anchored": makeWorkflow(anchored: true), "memory": makeWorkflow(anchored: true, inMemory: true), "plain": makeWorkflow(anchored: false),
    "complete": makeWorkflow(anchored: true, completion: completionWork),
]

/// The bare side: a PDF like the flows', the same key and TSA, PDFSigner B-T.
@discardableResult
func bareSign(_ pdf: [UInt8]) async throws -> [UInt8] {
    var signatureOptions = PDFSignatureOptions()
    signatureOptions.fieldName = "Signature1"
    signatureOptions.signerName = "立会 太郎"
    let signer = PDFSigner(key: witness, options: signatureOptions, level: .t, timestampAuthority: tsa)
    return try await signer.sign(PDFDocument(bytes: pdf))
}

/// The floor side's own stores: fsync'd files, and a database opened as the contract store's is.
let floorFiles = try FileDocumentStore(directory: directory.appendingPathComponent("floor-documents"))
let floorDatabase = try DatabasePool(path: directory.appendingPathComponent("floor.sqlite").path)
try floorDatabase.write { db in try db.execute(sql: "CREATE TABLE steps (id INTEGER PRIMARY KEY, body BLOB NOT NULL)") }
let floorRow = Data(repeating: 0x41, count: 2048)

/// The floor: the bare B-T, an anchor token over a 32-byte head, the PDF and its signed revision
/// written durably, and one commit per flow step (create, send, open, requestOTP, verifyOTP, sign).
func floor(_ pdf: [UInt8]) async throws {
    let signed = try await step("floor/sign") { try await bareSign(pdf) }
    _ = try await step("floor/anchor") { try await TimestampAuditAnchoring(authority: tsa).anchor(headHash: Array(repeating: 7, count: 32)) }
    try await step("floor/2 PDF writes") {
        _ = try await floorFiles.put(pdf)
        _ = try await floorFiles.put(signed)
    }
    try await step("floor/6 commits") {
        for _ in 0..<6 {
            try await floorDatabase.write { db in try db.execute(sql: "INSERT INTO steps (body) VALUES (?)", arguments: [floorRow]) }
        }
    }
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
func flow(_ side: String, _ index: Int, _ pdf: [UInt8]) async throws {
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

let sides = allSides.filter(options.sides.contains)
func run(_ side: String, _ index: Int, _ pdf: [UInt8]) async throws {
    switch side {
    case "bare": try await bareSign(pdf)
    case "floor": try await floor(pdf)
    default: try await flow(side, index, pdf)
    }
}

// One warm-up of each (first-use costs: PKI, SQLite pages, code loading).
for side in sides { try await run(side, 0, samplePDF(pages: options.pages, variant: "\(side) warm-up")) }
stepTimes = [:]
stepOrder = []
await completionWork.reset()

var wall: [String: [Double]] = [:], cpu: [String: [Double]] = [:]
for index in 1...options.runs {
    for side in sides {
        let pdf = samplePDF(pages: options.pages, variant: "\(side) run \(index)")
        let start = DispatchTime.now(), cpuStart = cpuSeconds()
        try await run(side, index, pdf)
        wall[side, default: []].append(seconds(since: start))
        cpu[side, default: []].append(cpuSeconds() - cpuStart)
    }
}

let pdfSize = samplePDF(pages: options.pages, variant: "size").count
print("witness contract on SQLite vs bare PDFSigner B-T (\(pdfSize)-byte PDFs, a fresh one per run, \(options.pages) pages, sandbox key RSA-2048, local TSA, \(options.runs) runs each, medians)")
let labels = ["bare": "bare PDFSigner B-T", "floor": "floor (see below)", "anchored": "flow, anchored", "memory": "flow, in-memory stores",
              "plain": "flow, no anchor", "complete": "flow + B-LTA + cert"]
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
if let floorCPU = cpu["floor"], let anchoredCPU = cpu["anchored"] {
    print("  floor = bare B-T + anchor token + 2 fsync'd PDF writes + 6 SQLite commits; flow, anchored against it: CPU \(ratio(median(anchoredCPU), median(floorCPU)))")
}
for side in sides where side != "bare" {
    print("  \(side) steps (CPU): " + stepOrder.filter { $0.hasPrefix(side + "/") }
        .map { "\($0.dropFirst(side.count + 1)) \(ms(median(stepTimes[$0] ?? [])))" }.joined(separator: ", "))
}
