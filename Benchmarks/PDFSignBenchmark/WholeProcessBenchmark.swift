import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a user waits for: `econtract pdf sign` (B-B, RSA-2048) as a whole process on a small
/// PDF — start-up, loading, signing, exit — next to `pyhanko sign addsig` doing the same job as
/// a whole process, in the same run. Both are spawned directly (posix_spawn, no shell) and
/// timed from spawn to exit (wall), with the child's user + system CPU time from `wait4`.
enum WholeProcessBenchmark {
    static func run(runs: Int, directory: URL, keys: KeyFiles) throws {
        print("whole process: `econtract pdf sign` (release, B-B, RSA-2048) vs `pyhanko sign addsig`, small PDF")
        guard let econtract = econtractPath() else {
            print("whole process: skipped: no release econtract beside this benchmark (swift build -c release --product econtract),")
            print("               or pass --econtract PATH")
            return
        }
        let input = directory.appendingPathComponent("small.pdf").path
        try Data(smallPDF()).write(to: URL(fileURLWithPath: input))
        let output = directory.appendingPathComponent("small-signed.pdf").path
        let ours = try median(runs: runs) {
            try spawn(econtract, ["pdf", "sign", "--level", "B-B", "--key", keys.key, "--cert", keys.certificate, "--chain", keys.chain,
                                  "--in", input, "--out", output])
        }
        var line = String(format: "econtract %@ (%d bytes): median %.1f ms wall [%.1f ms CPU] over %d runs",
                          econtract, smallPDF().count, ours.wall * 1000, ours.cpu * 1000, runs)
        if let pyhanko = pyHankoPath() {
            let pythonOutput = directory.appendingPathComponent("small-pyhanko.pdf").path
            let pythonRuns = max(3, runs / 4)
            let theirs = try median(runs: pythonRuns) {
                try spawn(pyhanko, ["sign", "addsig", "--field", "Signature1", "pemder", "--key", keys.key,
                                    "--cert", keys.certificate, "--chain", keys.chain, "--no-pass", input, pythonOutput])
            }
            line += String(format: "\npyhanko sign addsig: median %.1f ms wall [%.1f ms CPU] over %d runs → pyHanko/ours = %.1f× (wall)",
                           theirs.wall * 1000, theirs.cpu * 1000, pythonRuns, theirs.wall / ours.wall)
        } else {
            line += "\npyhanko sign addsig: skipped (not installed: ../shared/interop/setup makes ~/.cache/interop-venv/bin/pyhanko)"
        }
        print(line)
        print(String(format: "goal: ≤ 15 ms median wall for ours as a whole process: %@ (%.1f ms)",
                     ours.wall <= 0.015 ? "met" : "not met", ours.wall * 1000))
    }

    /// The median wall time and the median CPU time of `runs` calls of `body` (which returns the
    /// CPU seconds it measured), after one untimed warm-up call.
    static func median(runs: Int, _ body: () throws -> Double) throws -> (wall: Double, cpu: Double) {
        _ = try body()
        var walls: [Double] = []
        var cpus: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now()
            cpus.append(try body())
            walls.append(PeerTools.seconds(since: start))
        }
        walls.sort()
        cpus.sort()
        return (walls[walls.count / 2], cpus[cpus.count / 2])
    }

    /// Runs `tool` with `arguments`, stdout and stderr to /dev/null; throws unless it exits 0.
    /// Returns the child's user + system CPU seconds.
    static func spawn(_ tool: String, _ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        guard status == 0 else { throw POSIXError(.ECHILD) }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// `--econtract PATH`, else the econtract built beside this benchmark.
    static func econtractPath() -> String? {
        let arguments = CommandLine.arguments
        if let index = arguments.firstIndex(of: "--econtract"), index + 1 < arguments.count { return arguments[index + 1] }
        let beside = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("econtract").path
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : nil
    }

    static func pyHankoPath() -> String? {
        let venv = ProcessInfo.processInfo.environment["INTEROP_VENV"] ?? (NSHomeDirectory() + "/.cache/interop-venv")
        let path = venv + "/bin/pyhanko"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// A one-page PDF of about 450 bytes with a classic cross-reference table.
    static func smallPDF() -> [UInt8] {
        let content = "BT /F1 12 Tf 72 720 Td (Contract) Tj ET"
        let bodies = [
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
        ]
        return ClassicPDF.file(objects: bodies, binaryComment: false)
    }
}
