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

// MARK: - inspect: inferred shapes and dtypes

extension CLITests {
    static func model(_ name: String) -> String { repository.appendingPathComponent("legacy-models/\(name)/model").path }

    func inspect(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try run(["inspect"] + args)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        return r.stdout
    }

    func assertLines(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        let lines = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for e in expected {
            XCTAssertTrue(lines.contains(e), "missing line '\(e)' in:\n\(text)", file: file, line: line)
        }
    }

    /// Given the data's shape (as --shape or from a .npy header), every argument, auxiliary state and output is
    /// listed with its inferred shape and dtype.
    func testInspectInfersShapesFromGivenInputs() throws {
        let lenet = Self.model("lenet_checkpoint")
        let expected = [
            "data: (2, 1, 16, 16) float32  input (given)",
            "conv1_weight: (6, 1, 5, 5) float32  parameter",
            "fc1_weight: (24, 32) float32  parameter",
            "softmax_label: (2,) float32  label (optional at inference)",
            "[0] softmax_output: (2, 10) float32",
            "inputs to give: none",
            "upgrades applied: none",
            "mxnet version: 1.9.1",
            "Convolution ×2",
            "parameters: 8 arrays, 2406 values, 9624 bytes (\(lenet)-0000.params)",
        ]
        assertLines(try inspect([lenet, "--shape", "data=2,1,16,16"]), expected)
        assertLines(try inspect([lenet, "--shape", "data=(2, 1, 16, 16)"]), expected)
        let npy = Self.repository.appendingPathComponent("legacy-models/lenet_checkpoint/inputs/data.npy").path
        assertLines(try inspect([lenet, "--input", "data=\(npy)"]), expected)
    }

    /// Without input shapes: what the params file and the hints tell, `?` for the rest.
    func testInspectWithoutInputsShowsWhatIsKnown() throws {
        assertLines(try inspect([Self.model("lenet_checkpoint")]), [
            "data: ? float32  input",
            "conv1_weight: (6, 1, 5, 5) float32  parameter",
            "softmax_label: ? float32  label (optional at inference)",
            "[0] softmax_output: ? float32",
            "inputs to give: data (--input NAME=FILE.npy; inspect also takes --shape NAME=DIMS)",
        ])
        // A __shape__ hint with an unknown (0) batch dimension.
        assertLines(try inspect([Self.model("shape_dtype_hints")]), ["data: (?, 6) float32  input"])
        // Auxiliary states, the 0.8-era version and the upgrades that were applied.
        let old = try inspect([Self.model("legacy_v08_mlp"), "--shape", "data=4,5"])
        assertLines(old, [
            "mxnet version: none in the file (pre-1.0 format, read as 0.8.0)",
            "auxiliary states (2):",
            "bn1_moving_mean: (6,) float32  parameter",
            "[0] softmax_output: (4, 3) float32",
        ])
        XCTAssertTrue(old.contains("auxiliary-variables (2 changes)"), old)
        // dtypes come from the parameters and the inputs.
        let f16 = Self.repository.appendingPathComponent("legacy-models/float16_model/inputs/data.npy").path
        assertLines(try inspect([Self.model("float16_model"), "--input", "data=\(f16)"]), [
            "conv_weight: (4, 1, 3, 3) float16  parameter", "bn_moving_var: (4,) float32  parameter",
        ])
        // Several outputs, numbered as run writes them.
        assertLines(try inspect([Self.model("internal_feature_heads"), "--shape", "data=3,4"]), [
            "outputs (4, [i] is written as output_<i>.npy by run):", "[2] fc2_output: (3, 2) float32",
        ])
        // No params file: only the symbol is described (no dtype is known, and the weights are inputs).
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mxv1-inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Self.model("lenet_checkpoint") + "-symbol.json",
                                          toPath: dir.appendingPathComponent("m-symbol.json").path)
        assertLines(try inspect([dir.appendingPathComponent("m").path, "--shape", "data=2,1,16,16"]), [
            "parameters: no params file found", "conv1_weight: (6, 1, 5, 5) ?  input", "[0] softmax_output: (2, 10) ?",
        ])
    }

    /// Unsupported operators are marked in the table, then listed in the one error line.
    func testInspectMarksUnsupportedOperators() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mxv1-unsupported-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOfFile: Self.model("lenet_checkpoint") + "-symbol.json", encoding: .utf8)
            .replacingOccurrences(of: "\"Flatten\"", with: "\"FancyFlatten\"")
        try text.write(to: dir.appendingPathComponent("m-symbol.json"), atomically: true, encoding: .utf8)
        let r = try run(["inspect", dir.appendingPathComponent("m").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("FancyFlatten ×1  UNSUPPORTED"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Convolution ×2\n"), r.stdout)
        XCTAssertEqual(r.stderr, "mxv1: \(dir.path)/m-symbol.json: unsupported operator: FancyFlatten\n")
    }

    /// The help texts name every option the commands take, and what the exit statuses are.
    func testHelpTexts() throws {
        let root = try run(["--help"])
        XCTAssertEqual(root.status, 0)
        for text in ["run", "inspect", "bench", "exit status 1", "64"] { XCTAssertTrue(root.stdout.contains(text), text) }
        let runHelp = try run(["run", "--help"])
        XCTAssertEqual(runHelp.status, 0)
        for text in ["--input <name=file.npy>", "--out <dir>", "--epoch", "--params", "OUT/output_<i>.npy",
                     "Exit status: 0 on success, 1", "softmax_label"] {
            XCTAssertTrue(runHelp.stdout.contains(text), "run --help lacks '\(text)'")
        }
        let inspectHelp = try run(["help", "inspect"])
        XCTAssertEqual(inspectHelp.status, 0)
        for text in ["--shape <name=dims>", "--input <name=file.npy>", "--ops", "--epoch", "--params", "?"] {
            XCTAssertTrue(inspectHelp.stdout.contains(text), "inspect --help lacks '\(text)'")
        }
        // What the help promises: a bad argument exits 64, a bad file 1.
        XCTAssertEqual(try run(["run", Self.model("lenet_checkpoint"), "--epoch", "-1", "--out", "/tmp/x"]).status, 64)
        XCTAssertEqual(try run(["run", "/nonexistent/model", "--out", "/tmp/x"]).status, 1)
    }
}
