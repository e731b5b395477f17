import Foundation
import MXNet
import TestSupport
import XCTest

/// `.npy` reading and writing against files NumPy 1.23 wrote (`Tests/Fixtures/gen_npy.py`), and files we write
/// loaded back by NumPy (the oracle's Python, which CI installs).
final class NPYTests: XCTestCase {
    var npyDirectory: URL { Fixtures.directory.appendingPathComponent("npy") }

    func manifest() throws -> [[String: Any]] {
        let url = Fixtures.directory.appendingPathComponent("npy.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return doc?["cases"] as? [[String: Any]] ?? []
    }

    func testReadsNumPyFiles() throws {
        let cases = try manifest()
        XCTAssertGreaterThan(cases.count, 35)
        var passed = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let path = npyDirectory.appendingPathComponent(c["file"] as? String ?? "").path
            if c["error"] as? Bool == true {
                XCTAssertThrowsError(try np.load(npy: path), name) { e in
                    XCTAssertTrue("\(e)".contains(path), "\(name): the error names the file: \(e)")
                }
                if (try? np.load(npy: path)) == nil { passed += 1 }
                continue
            }
            do {
                let a = try np.load(npy: path)
                var expected = try Fixtures.array(c["expected"]!)
                if let dt = c["dtype"] as? String { expected = try np.astype(expected, DType(parsing: dt)) }
                XCTAssertEqual(a.shape, expected.shape, name)
                XCTAssertEqual(a.dtype, expected.dtype, name)
                let same: Bool
                if a.dtype == .int64 || a.dtype == .uint64 {
                    same = try a.asArray(Int64.self) == expected.asArray(Int64.self)
                } else {
                    // JSON decoding on Linux may be off by an ulp for float64; exactness is checked by the byte
                    // comparison below.
                    let x = try a.asArray(Double.self), y = try expected.asArray(Double.self)
                    same = x.count == y.count && zip(x, y).allSatisfy {
                        $0 == $1 || ($0.isNaN && $1.isNaN) || abs($0 - $1) <= 1e-15 * abs($1)
                    }
                }
                XCTAssertTrue(same, "\(name): values differ")
                // Files NumPy wrote in its default layout are reproduced byte for byte.
                if c["numpy_layout"] as? Bool == true {
                    XCTAssertEqual(try NPYFile.encode(a), try Data(contentsOf: URL(fileURLWithPath: path)), "\(name): bytes")
                }
                if same { passed += 1 }
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
        XCTAssertEqual(passed, cases.count)
    }

    /// Arrays of every dtype, 0-d and zero-size, written and read back.
    func sampleArrays() throws -> [(String, NDArray)] {
        var out: [(String, NDArray)] = []
        let base = try np.array([1.5, -2, 3.25, 0, 100, -0.5], shape: [2, 3], dtype: .float64)
        for d in DType.allCases {
            let values = d.isUnsignedInteger || d == .bool ? try np.absolute(base) : base
            out.append((d.name, try np.astype(values, d)))
        }
        out.append(("scalar", try np.array([4.25] as [Float], shape: [])))
        out.append(("empty", try np.zeros([0, 3], dtype: .int32)))
        out.append(("pending", try DeferredComputeHelper.pendingArray()))
        return out
    }

    func testRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npy-roundtrip-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, a) in try sampleArrays() {
            let path = dir.appendingPathComponent(name + ".npy").path
            try a.save(npy: path)
            let b = try np.load(npy: path)
            XCTAssertEqual(b.shape, a.shape, name)
            XCTAssertEqual(b.dtype, a.dtype, name)
            XCTAssertEqual(try b.asArray(Double.self), try a.asArray(Double.self), name)
            XCTAssertEqual(try NPYFile.decode(NPYFile.encode(a)).asArray(Double.self), try a.asArray(Double.self), name)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertEqual((bytes.count - a.size * a.dtype.size) % 64, 0, "\(name): data starts on a 64-byte boundary")
        }
    }

    func testFilesWeWriteLoadInNumPy() throws {
        let python = try Oracle.requirePython()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npy-numpy-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = try sampleArrays()
        for (name, a) in samples { try a.save(npy: dir.appendingPathComponent(name + ".npy").path) }
        let script = """
        import json, sys, numpy as np
        out = {}
        for name in sys.argv[2:]:
            a = np.load(sys.argv[1] + '/' + name + '.npy')
            if a.dtype == np.dtype('V2'):  # bfloat16: widen the raw bits to float32
                a = (np.frombuffer(a.tobytes(), '<u2').astype('<u4') << 16).view('<f4').reshape(a.shape)
                kind = 'bfloat16'
            else:
                kind = str(a.dtype)
            out[name] = {'dtype': kind, 'shape': list(a.shape), 'data': [float(v) for v in a.reshape(-1).tolist()]}
        print(json.dumps(out))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, dir.path] + samples.map(\.0)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let loaded = try JSONSerialization.jsonObject(with: output) as? [String: [String: Any]] ?? [:]
        for (name, a) in samples {
            guard let r = loaded[name] else { XCTFail("\(name): NumPy did not load it"); continue }
            XCTAssertEqual(r["dtype"] as? String, a.dtype.name, name)
            XCTAssertEqual(r["shape"] as? [Int], a.shape, name)
            XCTAssertEqual((r["data"] as? [NSNumber])?.map(\.doubleValue), try a.asArray(Double.self), name)
        }
    }

    func testMalformedInMemoryData() throws {
        XCTAssertThrowsError(try NPYFile.decode(Data([0x93, 0x4E]), name: "short")) { e in
            XCTAssertTrue("\(e)".hasPrefix("short:"), "\(e)")
        }
        var good = try NPYFile.encode(np.ones([4]))
        good.removeLast(4)
        XCTAssertThrowsError(try NPYFile.decode(good, name: "cut")) { e in XCTAssertTrue("\(e)".contains("truncated"), "\(e)") }
        XCTAssertThrowsError(try np.load(npy: "/nonexistent/file.npy")) { e in
            XCTAssertTrue("\(e)".contains("/nonexistent/file.npy"), "\(e)")
        }
    }
}

/// Makes a pending (deferred-compute) array, to check that saving computes it.
enum DeferredComputeHelper {
    static func pendingArray() throws -> NDArray {
        var pending: NDArray?
        let x = try np.array([1, 2, 3] as [Float])
        _ = try DeferredCompute.trace(inputs: ["x": x]) { v in
            let y = try np.multiply(v[0], 2)
            pending = y
            return [y]
        }
        return pending!
    }
}
