import Foundation
import MXNet
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `.params` reading and writing: files MXNet 1.9.1 wrote or loaded (`Tests/Fixtures/gen_params.py`), malformed
/// files that must be refused, files we write loaded back by MXNet 1.9.1 (`Tests/Fixtures/load_params.py`), and
/// truncated or mutated files that must never trap or allocate without bound.
final class ParamsFileTests: XCTestCase {
    var directory: URL { Fixtures.directory.appendingPathComponent("params") }

    func manifest() throws -> [[String: Any]] {
        let url = Fixtures.directory.appendingPathComponent("params.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return doc?["cases"] as? [[String: Any]] ?? []
    }

    func path(_ c: [String: Any]) -> String { directory.appendingPathComponent(c["file"] as? String ?? "").path }

    /// Checks `file` against a load_params.py description: names, then each array's dtype, shape and bytes.
    func check(_ file: ParamsFile, names: [String]?, arrays: [[String: Any]], _ label: String) throws -> Bool {
        var ok = true
        if file.names != names {
            XCTFail("\(label): names \(String(describing: file.names)) != \(String(describing: names))")
            ok = false
        }
        guard file.arrays.count == arrays.count else {
            XCTFail("\(label): \(file.arrays.count) arrays, expected \(arrays.count)")
            return false
        }
        for (i, (a, e)) in zip(file.arrays, arrays).enumerated() {
            let dtype = e["dtype"] as? String ?? "?", shape = e["shape"] as? [Int] ?? []
            guard a.dtype.name == dtype, a.shape == shape else {
                XCTFail("\(label): array \(i) is \(a.dtype) \(Shape.text(a.shape)), " +
                        "expected \(dtype) \(Shape.text(shape))")
                ok = false
                continue
            }
            if try Self.hex(a) != e["hex"] as? String {
                XCTFail("\(label): array \(i) (\(dtype) \(Shape.text(shape))) has other bytes than MXNet loaded")
                ok = false
            }
        }
        return ok
    }

    // MARK: Files MXNet 1.9.1 reads

    func testReadsFilesMXNetReads() throws {
        let cases = try manifest().filter { $0["error"] as? Bool != true }
        XCTAssertGreaterThanOrEqual(cases.count, 19)
        var passed = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            do {
                let file = try ParamsFile.load(path(c))
                let arrays = c["arrays"] as? [[String: Any]] ?? []
                if try check(file, names: c["names"] as? [String], arrays: arrays, name) { passed += 1 }
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
        XCTAssertEqual(passed, cases.count)
    }

    /// Files `mx.nd.save` wrote with dense arrays (V2 outside np-shape mode, V3 inside it) are reproduced byte for
    /// byte, with the explicit format and with the automatic choice.
    func testWriterReproducesMXNetFiles() throws {
        let cases = try manifest().filter { $0["writer"] is String }
        XCTAssertGreaterThanOrEqual(cases.count, 13)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path(c)))
            let file = try ParamsFile.decode(bytes, name: name)
            let format: ParamsFile.Format = c["writer"] as? String == "v3" ? .v3 : .v2
            XCTAssertEqual(try file.encode(format: format), bytes, "\(name): bytes")
            XCTAssertEqual(try file.encode(), bytes, "\(name): bytes with the automatic format")
        }
    }

    // MARK: Malformed files

    func testRefusesMalformedFiles() throws {
        let cases = try manifest().filter { $0["error"] as? Bool == true }
        XCTAssertGreaterThanOrEqual(cases.count, 40)
        var passed = 0
        for c in cases {
            let name = c["name"] as? String ?? "?", p = path(c), phrase = c["message"] as? String ?? "?"
            do {
                let file = try ParamsFile.load(p)
                XCTFail("\(name): loaded \(file.count) arrays from a malformed file (\(c["reason"] ?? ""))")
            } catch let e as MXNetError {
                let message = e.message
                let good = message.hasPrefix(p + ": ") && message.contains(phrase) && !message.contains("\n")
                XCTAssertTrue(good, "\(name): the error '\(message)' should name the file and say '\(phrase)'")
                if good { passed += 1 }
            } catch {
                XCTFail("\(name): not an MXNetError: \(error)")
            }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: p))
            XCTAssertThrowsError(try ParamsFile.decode(bytes, name: name), name) { e in
                XCTAssertTrue((e as? MXNetError)?.message.hasPrefix(name + ": ") == true, "\(name): \(e)")
            }
        }
        XCTAssertEqual(passed, cases.count)
    }

    func testUnreadablePaths() throws {
        XCTAssertThrowsError(try ParamsFile.load("/nonexistent/model-0000.params")) { e in
            XCTAssertTrue("\(e)".hasPrefix("/nonexistent/model-0000.params: cannot open file"), "\(e)")
        }
        XCTAssertThrowsError(try ParamsFile.load(directory.path)) { e in
            XCTAssertTrue("\(e)".hasSuffix("not a regular file"), "\(e)")
        }
        XCTAssertThrowsError(try ParamsFile([:]).save("/nonexistent/dir/out.params")) { e in
            XCTAssertTrue("\(e)".hasPrefix("/nonexistent/dir/out.params: "), "\(e)")
        }
    }

    // MARK: The dictionaries

    func testNamesAndDictionaries() throws {
        let checkpoint = try ParamsFile.load(directory.appendingPathComponent("checkpoint.params").path)
        XCTAssertEqual(Set(checkpoint.arguments.keys), ["fc1_weight", "fc1_bias"])
        XCTAssertEqual(Set(checkpoint.auxiliaryStates.keys), ["bn_moving_mean", "bn_moving_var"])
        XCTAssertEqual(Set(checkpoint.parameters.keys), ["fc1_weight", "fc1_bias", "bn_moving_mean", "bn_moving_var"])
        XCTAssertEqual(Set(checkpoint.dictionary.keys), Set(checkpoint.names ?? []))
        XCTAssertEqual(checkpoint["arg:fc1_weight"]?.shape, [4, 3])
        XCTAssertNil(checkpoint["fc1_weight"])

        let gluon = try ParamsFile.load(directory.appendingPathComponent("gluon_save_parameters.params").path)
        XCTAssertTrue(gluon.arguments.isEmpty && gluon.auxiliaryStates.isEmpty)
        XCTAssertEqual(Set(gluon.parameters.keys), Set(gluon.names ?? []))
        XCTAssertNotNil(gluon.parameters["1.running_mean"])

        let unnamed = try ParamsFile.load(directory.appendingPathComponent("unnamed_list.params").path)
        XCTAssertNil(unnamed.names)
        XCTAssertTrue(unnamed.dictionary.isEmpty && unnamed.parameters.isEmpty)
        XCTAssertEqual(unnamed.count, 2)

        // A repeated name: the list keeps both, the dictionaries the last (as mx.nd.load's dict does).
        let dup = try ParamsFile.load(directory.appendingPathComponent("duplicate_names.params").path)
        XCTAssertEqual(dup.names, ["arg:x", "arg:x"])
        XCTAssertEqual(dup.arguments["x"]?.shape, [2])
        XCTAssertEqual(dup["arg:x"]?.shape, [2])

        let built = try ParamsFile(arguments: ["b": np.ones([1]), "a": np.ones([2])],
                                   auxiliaryStates: ["m": np.ones([3])])
        XCTAssertEqual(built.names, ["arg:a", "arg:b", "aux:m"])
        XCTAssertEqual(try ParamsFile(["y": np.ones([1]), "x": np.ones([1])]).names, ["x", "y"])
    }

    func testWriterRefusesWhatItCannotWrite() throws {
        XCTAssertThrowsError(try ParamsFile(arrays: [np.ones([2])], names: ["a", "b"]).encode()) { e in
            XCTAssertTrue("\(e)".contains("1 arrays with 2 names"), "\(e)")
        }
        let scalar = try np.array([2.5] as [Float], shape: [])
        XCTAssertThrowsError(try ParamsFile(named: [("w", np.ones([2])), ("s", scalar)]).encode(format: .v2)) { e in
            XCTAssertTrue("\(e)".contains("array 1 ('s') is 0-d"), "\(e)")
        }
        // The automatic format writes such a list in V3 records.
        let data = try ParamsFile(named: [("w", np.ones([2])), ("s", scalar)]).encode()
        XCTAssertEqual(data.subdata(in: 24..<28), Data([0xCA, 0xFA, 0x93, 0xF9]))
    }

    // MARK: Round trips

    /// Arrays of every dtype (flags 0-12), 0-d, zero-size, rank 5, and a pending array.
    func sampleArrays(dtypes: [DType] = DType.allCases) throws -> [(String, NDArray)] {
        var out: [(String, NDArray)] = []
        let base = try np.array([1.5, -2, 3.25, 0, 100, -0.5], shape: [2, 3], dtype: .float64)
        for d in dtypes {
            let values = d.isUnsignedInteger || d == .bool ? try np.absolute(base) : base
            out.append(("arg:\(d.name)_weight", try np.astype(values, d)))
        }
        out.append(("aux:empty", try np.zeros([0, 3], dtype: .int32)))
        out.append(("aux:rank5", try np.reshape(np.arange(32, dtype: .float32), [2, 2, 2, 2, 2])))
        out.append(("pending", try DeferredComputeHelper.pendingArray()))
        out.append(("ünïcødé name", try np.array([1, 2] as [Float])))
        return out
    }

    func testRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("params-roundtrip-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = try sampleArrays()
        let withScalar = samples + [("scalar", try np.array([4.25] as [Double], shape: []))]
        let files: [(String, ParamsFile, ParamsFile.Format)] = [
            ("named_v2", ParamsFile(named: samples), .v2),
            ("named_v3", ParamsFile(named: samples), .v3),
            ("unnamed", ParamsFile(arrays: samples.map(\.1)), .automatic),
            ("scalar", ParamsFile(named: withScalar), .automatic),
            ("empty", ParamsFile(arrays: []), .automatic),
        ]
        for (label, file, format) in files {
            let p = dir.appendingPathComponent(label + ".params").path
            try file.save(p, format: format)
            let back = try ParamsFile.load(p)
            XCTAssertEqual(back.names, file.arrays.isEmpty ? nil : file.names, label)
            XCTAssertEqual(back.count, file.count, label)
            for (a, b) in zip(file.arrays, back.arrays) {
                XCTAssertEqual(b.dtype, a.dtype, label)
                XCTAssertEqual(b.shape, a.shape, label)
                XCTAssertEqual(try Self.hex(b), try Self.hex(a), "\(label): \(a.dtype)")
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: p)), try file.encode(format: format), label)
        }
    }

    /// Files we write load in MXNet 1.9.1 with the same names, dtypes, shapes and bytes: V2 files outside np-shape
    /// mode, V3 files (0-d arrays) inside it. int16/uint16/uint32/uint64 (flags 8-11, MXNet 2.0's) are refused by
    /// 1.9.1, which has no such dtypes.
    func testFilesWeWriteLoadInMXNet() throws {
        let python = try Oracle.requirePython()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("params-mxnet-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mxnet19: [DType] = [.float32, .float64, .float16, .bfloat16, .uint8, .int8, .int32, .int64, .bool]
        let samples = try sampleArrays(dtypes: mxnet19)
        let scalar = try np.array([-3] as [Int64], shape: [])
        let files: [(String, ParamsFile, ParamsFile.Format, Bool)] = [
            ("checkpoint", ParamsFile(named: samples), .automatic, false),
            ("unnamed", ParamsFile(arrays: samples.map(\.1)), .automatic, false),
            ("scalars", ParamsFile(named: samples + [("s", scalar)]), .automatic, true),
            ("forced_v3", ParamsFile(named: samples), .v3, true),
            ("empty", ParamsFile(arrays: []), .automatic, false),
        ]
        var paths: [String] = []
        for (label, file, format, _) in files {
            let p = dir.appendingPathComponent(label + ".params").path
            try file.save(p, format: format)
            paths.append(p)
        }
        let newer = dir.appendingPathComponent("mxnet2_dtypes.params").path
        try ParamsFile(named: try sampleArrays(dtypes: [.int16, .uint16, .uint32, .uint64])).save(newer)
        let loaded = try runLoadParams(python, paths + [newer])
        for ((label, file, _, npShape), p) in zip(files, paths) {
            guard let r = loaded[p] else { XCTFail("\(label): no result"); continue }
            if let e = r["error"] { XCTFail("\(label): MXNet 1.9.1 refused it: \(e)"); continue }
            XCTAssertEqual(r["np_shape"] as? Bool, npShape, label)
            _ = try check(file, names: r["names"] as? [String], arrays: r["arrays"] as? [[String: Any]] ?? [], label)
        }
        XCTAssertTrue((loaded[newer]?["error"] as? String)?.contains("Unknown type enum") == true,
                      "MXNet 1.9.1 has no int16: \(String(describing: loaded[newer]))")
    }

    func runLoadParams(_ python: String, _ paths: [String]) throws -> [String: [String: Any]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/load_params.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let lastLine = String(decoding: output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        return try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: [String: Any]] ?? [:]
    }

    // MARK: Fuzzing

    /// Every strict prefix of valid files is refused; every single-byte mutation and every 8-byte overwrite with an
    /// extreme value either loads or throws an MXNetError — never traps — and the reader's memory stays bounded.
    func testTruncatedAndMutatedFilesNeverTrap() throws {
        let sources = ["checkpoint", "sparse", "mixed_layouts", "v1_records", "pre_v1_records", "np_shape_scalars",
                       "sparse_int32_indices", "rank6_and_long_names"]
        let limits = ParamsFile.Limits(maxSparseExpansionBytes: 1 << 20)
        let peakBefore = Self.peakResidentBytes()
        var decodes = 0, loaded = 0
        func attempt(_ bytes: Data, _ label: @autoclosure () -> String) {
            decodes += 1
            do {
                let file = try ParamsFile.decode(bytes, name: "fuzz", limits: limits)
                let total = file.arrays.reduce(0) { $0 + $1.size * $1.dtype.size }
                XCTAssertLessThanOrEqual(total, bytes.count + file.count * (1 << 20), label())
                loaded += 1
            } catch let e as MXNetError {
                if !e.message.hasPrefix("fuzz: ") || e.message.contains("\n") { XCTFail("\(label()): \(e.message)") }
            } catch {
                XCTFail("\(label()): not an MXNetError: \(error)")
            }
        }
        for source in sources {
            let original = try Data(contentsOf: directory.appendingPathComponent(source + ".params"))
            for n in 0..<original.count {
                XCTAssertThrowsError(try ParamsFile.decode(original.prefix(n), name: "cut", limits: limits),
                                     "\(source) cut to \(n) bytes")
                decodes += 1
            }
            var bytes = [UInt8](original)
            for i in 0..<bytes.count {
                let b = bytes[i]
                for v in Set([0x00, 0xFF, b ^ 0x01, b ^ 0x80, b &+ 1]) where v != b {
                    bytes[i] = v
                    attempt(Data(bytes), "\(source) byte \(i) = \(v)")
                }
                bytes[i] = b
            }
            let extremes: [UInt64] = [1 << 60, UInt64.max, 1 << 31, 0x7FFF_FFFF, 0xFFFF_FFFF, 1 << 40, 33]
            for i in stride(from: 0, to: bytes.count - 8, by: 4) {
                let saved = Array(bytes[i..<(i + 8)])
                for v in extremes {
                    withUnsafeBytes(of: v.littleEndian) { for k in 0..<8 { bytes[i + k] = $0[k] } }
                    attempt(Data(bytes), "\(source) word at \(i) = \(v)")
                }
                bytes.replaceSubrange(i..<(i + 8), with: saved)
            }
        }
        XCTAssertGreaterThan(decodes, 20_000)
        XCTAssertGreaterThan(loaded, 100, "some mutations (of values) still load")
        let growth = Self.peakResidentBytes() - peakBefore
        XCTAssertLessThan(growth, 256 << 20, "peak memory grew by \(growth >> 20) MB while fuzzing")
    }

    // MARK: Helpers

    /// The array's bytes as hex, as load_params.py reports them (bfloat16 as raw bits, bool as 0/1 bytes).
    static func hex(_ a: NDArray) throws -> String {
        func raw<T: Element>(_: T.Type) throws -> [UInt8] { try a.asArray(T.self).withUnsafeBytes { Array($0) } }
        let bytes = try withElementType(a.dtype) { try raw($0) }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func peakResidentBytes() -> Int {
        #if canImport(Glibc)
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
        #else
        return 0
        #endif
    }
}
