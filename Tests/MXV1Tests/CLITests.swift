import Foundation
import XCTest

/// Runs the built `mxv1` binary as a user would: bad arguments give one line on stderr and a non-zero status.
final class CLITests: XCTestCase {
    struct Result { let status: Int32; let stdout: String; let stderr: String }

    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/mxv1")
    }

    func run(_ args: [String]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw XCTSkip("mxv1 is not built at \(Self.binary.path) (swift build builds it)")
        }
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    func testInspectOpsListsRegistry() throws {
        let r = try run(["inspect", "--ops"])
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertTrue(lines.contains("FullyConnected"))
        XCTAssertTrue(lines.contains("_npi_add"))
        XCTAssertTrue(lines.last?.contains("operator names") == true)
    }

    func testBadArgumentsGiveOneLineAndNonZeroStatus() throws {
        for args in [["no-such-command"], ["inspect"], ["bench", "core", "--bogus"], ["bench", "core", "--mxnet-python"]] {
            let r = try run(args)
            XCTAssertTrue((1...125).contains(r.status), "\(args): status \(r.status)")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("mxv1: "), "\(args): \(r.stderr)")
        }
    }

    func testHelpExitsZero() throws {
        let r = try run(["--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("inspect"))
    }
}
