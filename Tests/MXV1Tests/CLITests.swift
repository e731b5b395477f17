import Foundation
import MXV1
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

extension CLITests {
    static var repository: URL { binary.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// `mxv1 run` on bundled legacy models writes the outputs MXNet 1.9.1 computed from the same files.
    func testRunWritesMXNetsOutputs() throws {
        for name in ["lenet_checkpoint", "resnet_tiny_gluon", "rnn_language_model_gluon"] {
            let dir = Self.repository.appendingPathComponent("legacy-models/\(name)")
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("mxv1-run-\(name)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("inputs").path)
                .filter { $0.hasSuffix(".npy") }.sorted()
            let args = ["run", dir.appendingPathComponent("model").path, "--out", out.path] + inputs.flatMap {
                ["--input", "\($0.dropLast(4))=" + dir.appendingPathComponent("inputs/\($0)").path]
            }
            let r = try run(args)
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            let expected = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("expected").path)
            XCTAssertFalse(expected.isEmpty)
            for file in expected {
                let mine = try np.load(npy: out.appendingPathComponent(file).path)
                let theirs = try np.load(npy: dir.appendingPathComponent("expected/\(file)").path)
                XCTAssertEqual(mine.shape, theirs.shape, "\(name)/\(file)")
                XCTAssertEqual(mine.dtype, theirs.dtype, "\(name)/\(file)")
                let a = try mine.asArray(Double.self), b = try theirs.asArray(Double.self)
                XCTAssertTrue(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 + 1e-3 * abs($1) }, "\(name)/\(file)")
            }
        }
    }

    func testRunRefusesBadInputWithOneLine() throws {
        let lenet = Self.repository.appendingPathComponent("legacy-models/lenet_checkpoint/model").path
        let cases: [[String]] = [
            ["run", lenet, "--input", "data=/nonexistent.npy", "--out", "/tmp/mxv1-x"],
            ["run", lenet, "--input", "bogus=/nonexistent.npy", "--out", "/tmp/mxv1-x"],
            ["run", lenet, "--input", "data", "--out", "/tmp/mxv1-x"],
            ["run", "/nonexistent/model", "--out", "/tmp/mxv1-x"],
            ["run", lenet, "--epoch", "7", "--out", "/tmp/mxv1-x"],
            ["inspect", "/nonexistent/model"],
        ]
        for args in cases {
            let r = try run(args)
            XCTAssertTrue((1...125).contains(r.status), "\(args): status \(r.status)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("mxv1: "), "\(args): \(r.stderr)")
        }
    }

    func testInspectDescribesModel() throws {
        let lenet = Self.repository.appendingPathComponent("legacy-models/lenet_checkpoint/model").path
        let r = try run(["inspect", lenet])
        XCTAssertEqual(r.status, 0, r.stderr)
        for text in ["mxnet version: 1.9.1", "Convolution ×2", "softmax_label", "parameters: 8 arrays"] {
            XCTAssertTrue(r.stdout.contains(text), "missing '\(text)' in:\n\(r.stdout)")
        }
    }
}

extension CLITests {
    func testBenchModelReportsTheKeys() throws {
        let lenet = Self.repository.appendingPathComponent("legacy-models/lenet_checkpoint").path
        let r = try run(["bench", "model", lenet + "/model", "--input", "data=\(lenet)/inputs/data.npy",
                         "--repeat", "3", "--warmup", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let object = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Double]
        for key in ["load_ms", "median_ms", "min_ms", "peak_rss_mb"] { XCTAssertNotNil(object?[key], key) }
        XCTAssertTrue(try run(["bench", "model", lenet + "/model", "--repeat", "0"]).status != 0)
    }
}
