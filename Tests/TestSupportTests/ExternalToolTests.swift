import Foundation
import Testing
import TestSupport

/// `ExternalTool.run`: streams captured in full, stdin given or empty, hung tools killed.
@Suite("ExternalTool")
struct ExternalToolTests {
    /// More than a pipe buffer (64 KiB) on each stream: neither may block the tool.
    @Test func largeOutputOnBothStreams() async throws {
        let result = try await ExternalTool.run("/bin/sh", ["-c", "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.stdout.count == 300_000 && result.stdout.allSatisfy { $0 == 0 })
        #expect(result.stderr.count == 200_000)
    }

    @Test func mergedKeepsTheOrderAndDiscardedDropsErrors() async throws {
        let script = "echo one; echo two >&2; echo three"
        #expect(try await ExternalTool.run("/bin/sh", ["-c", script], standardError: .merged).stdoutText == "one\ntwo\nthree\n")
        let discarded = try await ExternalTool.run("/bin/sh", ["-c", script], standardError: .discarded)
        #expect(discarded.stdoutText == "one\nthree\n" && discarded.stderr.isEmpty)
    }

    @Test func stdinIsTheGivenBytesOrEmpty() async throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try await ExternalTool.run("cat", [], stdin: bytes).stdout == bytes)
        // Not inherited: `cat` sees end of input at once instead of waiting on the runner's stdin.
        #expect(try await ExternalTool.run("cat", []).stdout.isEmpty)
    }

    @Test func workingDirectoryAndLookup() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("external-tool-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let printed = try await ExternalTool.run("pwd", ["-P"], in: directory).stdoutText
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == directory.resolvingSymlinksInPath().path)
        let error = await #expect(throws: ExternalTool.Failure.self) { try await ExternalTool.run("no-such-tool-\(UUID().uuidString)", []) }
        #expect(error?.code == .notFound)
    }

    @Test func aHungToolIsKilledAtTheTimeout() async throws {
        let error = await #expect(throws: ExternalTool.Failure.self) {
            try await ExternalTool.run("/bin/sh", ["-c", "echo started; exec sleep 600"], timeout: .seconds(1))
        }
        #expect(error?.code == .timedOut)
        #expect(error?.message.contains("started") == true, "\(String(describing: error))")
    }
}
