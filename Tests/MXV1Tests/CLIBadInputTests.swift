import Foundation
import MXV1
import XCTest

/// A corpus of malformed model, params and `.npy` files, and bad arguments, run through the built `mxv1` binary
/// (`run` and `inspect`) as a user would. Every case must exit with a status in 1...125 (no signal: no trap), in
/// a few seconds (no hang), under a 2 GiB address-space limit (no allocation bomb), with exactly one line on
/// standard error that names the file and the node, field or argument at fault.
///
/// The corpus is generated from `legacy-models/lenet_checkpoint` by mutating its files (see
/// `CLIBadInputTests+Corpus.swift`).
final class CLIBadInputTests: XCTestCase {
    /// One bad invocation and the texts its error line must contain.
    struct BadCase {
        let name: String
        let args: [String]
        let expect: [String]
    }

    struct Outcome {
        let status: Int32
        let signalled: Bool
        let timedOut: Bool
        let seconds: Double
        let stdout: String
        let stderr: String
    }

    /// Address-space limit for every run, in KiB: a file that made the reader allocate what it declares would fail.
    static let memoryLimitKiB = 2 << 20
    /// Seconds before a run counts as hung (and is killed).
    static let timeout = 30.0

    static var binary: URL { CLITests.binary }
    static var repository: URL { CLITests.repository }
    static var lenet: URL { repository.appendingPathComponent("legacy-models/lenet_checkpoint") }

    var corpus: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw XCTSkip("mxv1 is not built at \(Self.binary.path) (swift build builds it)")
        }
        corpus = FileManager.default.temporaryDirectory.appendingPathComponent("mxv1-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let corpus { try? FileManager.default.removeItem(at: corpus) }
    }

    /// Runs `mxv1 args` under the memory limit and the timeout; output goes to files (no pipe can fill up).
    func run(_ args: [String]) throws -> Outcome {
        let id = UUID().uuidString
        let out = corpus.appendingPathComponent("stdout-\(id)"), err = corpus.appendingPathComponent("stderr-\(id)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -v \(Self.memoryLimitKiB) && exec \"$0\" \"$@\"", Self.binary.path] + args
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        let start = Date()
        try p.run()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { p.waitUntilExit(); done.signal() }
        var timedOut = false
        if done.wait(timeout: .now() + Self.timeout) == .timedOut {
            timedOut = true
            p.interrupt()
            p.terminate()
            done.wait()
        }
        let seconds = Date().timeIntervalSince(start)
        let o = (try? String(contentsOf: out, encoding: .utf8)) ?? "", e = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        return Outcome(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, seconds: seconds, stdout: o, stderr: e)
    }

    /// Runs every case and checks the contract; returns how many ran.
    @discardableResult
    func check(_ cases: [BadCase], maxSeconds: Double = timeout, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        print("\(name): \(cases.count) bad invocations")
        for c in cases {
            let r = try run(c.args)
            let where_ = "\(c.name): mxv1 \(c.args.joined(separator: " "))"
            XCTAssertFalse(r.timedOut, "\(where_): no exit within \(Self.timeout) s", file: file, line: line)
            XCTAssertLessThan(r.seconds, maxSeconds, "\(where_): took \(r.seconds) s", file: file, line: line)
            XCTAssertFalse(r.signalled, "\(where_): killed by signal \(r.status): \(r.stderr.prefix(400))", file: file, line: line)
            XCTAssertTrue((1...125).contains(r.status), "\(where_): status \(r.status)", file: file, line: line)
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertTrue(lines.count == 2 && lines[1].isEmpty, "\(where_): stderr is not one line: \(r.stderr.prefix(400))",
                          file: file, line: line)
            XCTAssertTrue(r.stderr.hasPrefix("mxv1: "), "\(where_): \(r.stderr)", file: file, line: line)
            for text in c.expect {
                XCTAssertTrue(r.stderr.contains(text), "\(where_): '\(text)' missing from: \(r.stderr)", file: file, line: line)
            }
        }
        return cases.count
    }

    // MARK: - The corpus

    func testMalformedSymbolFiles() throws {
        let cases = try symbolCases()
        XCTAssertGreaterThanOrEqual(cases.count, 60)
        try check(cases)
    }

    func testMalformedParamsFiles() throws {
        let cases = try paramsCases()
        XCTAssertGreaterThanOrEqual(cases.count, 50)
        try check(cases)
    }

    func testMalformedInputFilesAndArguments() throws {
        let cases = try inputCases() + argumentCases()
        XCTAssertGreaterThanOrEqual(cases.count, 35)
        try check(cases)
    }

    /// Bombs (files declaring far more data than they hold, graphs asking for terabytes) are refused quickly,
    /// before anything of that size is allocated.
    func testAllocationBombsAreRefusedQuickly() throws {
        try check(try bombCases(), maxSeconds: 10)
    }

    /// Parameters the graph does not use are ignored (MXNet's Module.set_params and Executor.bind ignore them),
    /// even a sparse array declaring a huge dense shape, which is never expanded; `inspect` lists them.
    func testExtraParametersAreIgnored() throws {
        let model = try makeModel("extra", params: paramsWithExtras())
        let out = corpus.appendingPathComponent("out-extra")
        let r = try run(["run", model, "--input", "data=\(Self.lenet.path)/inputs/data.npy", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.signalled)
        let mine = try np.load(npy: out.appendingPathComponent("output_0.npy").path)
        let theirs = try np.load(npy: Self.lenet.appendingPathComponent("expected/output_0.npy").path)
        XCTAssertEqual(mine.shape, theirs.shape)
        let i = try run(["inspect", model])
        XCTAssertEqual(i.status, 0, i.stderr)
        XCTAssertTrue(i.stdout.contains("unused parameters (not in the graph, ignored): bogus_bomb, bogus_weight"), i.stdout)
        XCTAssertTrue(i.stdout.contains("parameters: 10 arrays"), i.stdout)
    }

    /// A missing weight is listed by `inspect` as an input still to give (the model can run once it is given),
    /// and refused by `run`.
    func testMissingParameterIsShownByInspect() throws {
        var named = try originalParams()
        named.removeAll { $0.0 == "arg:fc1_bias" }
        let model = try makeModel("missing-inspect", params: try ParamsFile(named: named).encode())
        let r = try run(["inspect", model, "--shape", "data=2,1,16,16"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("fc1_bias: (24,) float32  input"), r.stdout)
        XCTAssertTrue(r.stdout.contains("inputs to give: fc1_bias"), r.stdout)
    }
}
