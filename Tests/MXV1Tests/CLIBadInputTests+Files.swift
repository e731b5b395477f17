import Foundation
import MXV1
import XCTest

extension CLIBadInputTests {
    // MARK: - Params files

    func paramsCases() throws -> [BadCase] {
        var cases: [BadCase] = []
        func add(_ name: String, _ data: Data, _ expect: [String], shapes: Bool = false) throws {
            let model = try makeModel(name, params: data)
            cases += runAndInspect(name, model, [model + "-0000.params"] + expect, shapes: shapes)
        }
        let original = try originalParamsData()
        let (records, names) = try originalRecords()
        let floats = [UInt8](repeating: 0, count: 8)
        try add("par-empty", Data(), ["empty file"])
        try add("par-short", Data([0x12, 0x01, 0]), ["too short"])
        try add("par-garbage", Data((0..<1024).map { UInt8($0 % 256) }), ["not an MXNet .params file"])
        try add("par-text", Data("{\"not\": \"params\"}".utf8), ["not an MXNet .params file"])
        try add("par-magic", Data([0x13]) + original.dropFirst(), ["list magic 0x113"])
        try add("par-truncated-half", original.prefix(original.count / 2), ["array 2 of 8", "remain"])
        try add("par-truncated-header", original.prefix(24), ["declares 8 arrays but only 0 bytes remain"])
        try add("par-truncated-record", original.prefix(130), ["array 0 of 8", "need 600 bytes but 50 remain"])
        try add("par-truncated-names", original.dropLast(5), ["name 7 of 8"])
        try add("par-no-names", original.prefix(recordsEnd(original, count: 8) + 4), ["name count", "cut short"])
        try add("par-count-huge", original.prefix(16) + Data(Self.le(UInt64(1) << 62)) + original.dropFirst(24),
                ["declares 4611686018427387904 arrays"])
        try add("par-count-max", original.prefix(16) + Data(Self.le(UInt64.max)) + original.dropFirst(24),
                ["declares 18446744073709551615 arrays"])
        try add("par-count-more", original.prefix(16) + Data(Self.le(UInt64(9))) + original.dropFirst(24), ["array 8 of 9"])
        try add("par-ndim-huge", Self.list([Self.record([], ndim: 1_000_000_000)], names: ["arg:x"]),
                ["array 0 of 1", "1000000000 dimensions"])
        try add("par-ndim-negative", Self.list([Self.record([], ndim: -5)], names: ["arg:x"]), ["array 0 of 1", "ndim -5"])
        try add("par-ndim-beyond-file", Self.list([Self.record([], ndim: 20)], names: ["arg:x"]), ["array 0 of 1", "cut short"])
        try add("par-dims-overflow", Self.list([Self.record([1 << 40, 1 << 40])], names: ["arg:x"]), ["array 0 of 1", "too large"])
        try add("par-dims-overflow-zero", Self.list([Self.record([1 << 62, 1 << 62, 0])], names: ["arg:x"]),
                ["array 0 of 1", "too large"])
        try add("par-dims-bomb", Self.list([Self.record([1 << 20, 1 << 20], body: floats)], names: ["arg:x"]),
                ["array 0 of 1", "(1048576, 1048576)", "need 4398046511104 bytes"])
        try add("par-dims-negative", Self.list([Self.record([-3, 4])], names: ["arg:x"]), ["array 0 of 1", "negative dimension"])
        try add("par-dtype-unknown", Self.list([Self.record([2], dtype: 77, body: floats)], names: ["arg:x"]),
                ["array 0 of 1", "unknown dtype flag 77"])
        try add("par-dtype-negative", Self.list([Self.record([2], dtype: -1, body: floats)], names: ["arg:x"]),
                ["array 0 of 1", "unknown dtype flag -1"])
        try add("par-storage-unknown", Self.list([Self.record([2], storage: 9, body: floats)], names: ["arg:x"]),
                ["array 0 of 1", "unknown storage type 9"])
        try add("par-record-magic", Self.list([Self.record([2], magic: 0xDEAD_BEEF, body: floats)], names: ["arg:x"]),
                ["array 0 of 1"])
        try add("par-v2-ndim-0", Self.list([Self.record([], body: floats)], names: ["arg:x"]), ["array 0 of 1", "ndim 0"])
        let v1 = Self.le(UInt32(0xF993_FAC8)) + Self.le(Int32(2)) + Self.le(Int64(100)) + Self.le(Int64(100))
            + Self.le(Int32(1)) + Self.le(Int32(0)) + Self.le(Int32(0))
        try add("par-v1-truncated", Self.list([v1], names: ["arg:x"]), ["array 0 of 1", "(100, 100)", "need 40000 bytes"])
        try add("par-v3-sparse", Self.list([Self.sparseBomb([4, 2], magic: 0xF993_FACA)], names: ["arg:x"]),
                ["array 0 of 1", "V3 record with row_sparse storage"])
        try add("par-name-count", Self.list([Self.record([2], body: floats)], names: ["arg:x", "arg:y"]), ["name count 2"])
        try add("par-name-length", Self.list([Self.record([2], body: floats)], names: []).dropLast(8)
                + Data(Self.le(UInt64(1)) + Self.le(UInt64(1) << 60)), ["name 0 of 1 declares 1152921504606846976 bytes"])
        try add("par-name-utf8", Self.list([Self.record([2], body: floats)], names: []).dropLast(8)
                + Data(Self.le(UInt64(1)) + Self.le(UInt64(5)) + [0x61, 0x72, 0x67, 0x3A, 0xFF]), ["name 0 of 1", "UTF-8"])
        // inspect describes an unnamed list (it can say so); run cannot bind it.
        let unnamed = try makeModel("par-unnamed", params: Self.list(records, names: []))
        cases.append(BadCase(name: "par-unnamed/run", args: ["run", unnamed, "--input", "data=\(dataNPY)", "--out", outDir],
                             expect: [unnamed + "-0000.params", "unnamed", "conv1_weight"]))
        var wrong = records, wrongNames = names
        wrong[5] = try Self.denseRecord(np.ones([5]))
        try add("par-wrong-shape", Self.list(wrong, names: wrongNames), ["'fc1_bias' has shape (5,)", "(24,)", "node 'fc1'"],
                shapes: true)
        wrong = records
        wrong[0] = try Self.denseRecord(np.ones([6, 1, 5]))
        try add("par-wrong-ndim", Self.list(wrong, names: names), ["'conv1_weight' has shape (6, 1, 5)", "node 'conv1'"],
                shapes: true)
        wrong = records
        wrong[5] = Self.sparseBomb([1 << 30, 1])
        try add("par-sparse-bomb", Self.list(wrong, names: names), ["'fc1_bias' has shape (1073741824, 1)", "(24,)"],
                shapes: true)
        wrong = records
        wrong.remove(at: 5)
        wrongNames.remove(at: 5)
        let missing = try makeModel("par-missing", params: Self.list(wrong, names: wrongNames))
        cases.append(BadCase(name: "par-missing/run", args: ["run", missing, "--input", "data=\(dataNPY)", "--out", outDir],
                             expect: [missing + "-0000.params", missing + "-symbol.json", "no value for input fc1_bias"]))
        wrong.remove(at: 0)
        wrongNames.remove(at: 0)
        let missing2 = try makeModel("par-missing-2", params: Self.list(wrong, names: wrongNames))
        cases.append(BadCase(name: "par-missing-2/run", args: ["run", missing2, "--input", "data=\(dataNPY)", "--out", outDir],
                             expect: [missing2 + "-0000.params", "no value for inputs conv1_weight, fc1_bias"]))
        // Not regular files, or not a params file at all.
        cases += runAndInspect("par-directory", try makeSpecialModel("par-directory", replacing: "-0000.params") {
            try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false)
        }, ["-0000.params", "is a directory"])
        cases += runAndInspect("par-fifo", try makeSpecialModel("par-fifo", replacing: "-0000.params") {
            XCTAssertEqual(mkfifo($0, 0o600), 0)
        }, ["-0000.params", "FIFO"])
        cases += runAndInspect("par-dev-zero", try makeSpecialModel("par-dev-zero", replacing: "-0000.params") {
            try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero")
        }, ["-0000.params", "device"])
        let lenet = Self.lenet.appendingPathComponent("model").path
        cases.append(BadCase(name: "par-is-symbol", args: ["run", lenet, "--params", lenet + "-symbol.json",
                                                            "--input", "data=\(dataNPY)", "--out", outDir],
                             expect: [lenet + "-symbol.json", "not an MXNet .params file"]))
        cases.append(BadCase(name: "par-is-npy", args: ["inspect", lenet, "--params", dataNPY],
                             expect: [dataNPY, "not an MXNet .params file"]))
        return cases
    }

    /// Where the records of LeNet's V2 list end (the name count starts).
    func recordsEnd(_ bytes: Data, count: Int) -> Int {
        var offset = 24
        func int<T: FixedWidthInteger>(_: T.Type) -> T {
            let v = bytes.subdata(in: offset..<(offset + MemoryLayout<T>.size)).withUnsafeBytes { $0.loadUnaligned(as: T.self) }
            offset += MemoryLayout<T>.size
            return T(littleEndian: v)
        }
        for _ in 0..<count {
            _ = int(UInt32.self); _ = int(Int32.self)
            let ndim = Int(int(Int32.self))
            var n = 1
            for _ in 0..<ndim { n *= Int(int(Int64.self)) }
            _ = int(Int64.self)   // context
            _ = int(Int32.self)   // dtype: float32
            offset += n * 4
        }
        return offset
    }

    // MARK: - Input files

    /// LeNet's `data.npy` with its header text edited.
    func npy(_ name: String, _ edit: (String) -> String) throws -> String {
        let raw = try Data(contentsOf: URL(fileURLWithPath: dataNPY))
        let headerEnd = raw.firstIndex(of: 0x0A).map { $0 + 1 } ?? raw.count
        let header = String(decoding: raw[10..<headerEnd], as: UTF8.self)
        var text = edit(header)
        // Keep the header's length (pad with spaces before the newline), so the data stays where it was.
        if text.utf8.count < header.utf8.count {
            text = String(text.dropLast()) + String(repeating: " ", count: header.utf8.count - text.utf8.count) + "\n"
        }
        var out = Data(raw[0..<8])
        out += Data(Self.le(UInt16(text.utf8.count)))
        out += Data(text.utf8) + raw[headerEnd...]
        return try write(name, out)
    }

    func write(_ name: String, _ data: Data) throws -> String {
        let url = corpus.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    func inputCases() throws -> [BadCase] {
        let lenet = Self.lenet.appendingPathComponent("model").path
        let raw = try Data(contentsOf: URL(fileURLWithPath: dataNPY))
        let x = try np.load(npy: dataNPY)
        func save(_ name: String, _ a: NDArray) throws -> String {
            let path = corpus.appendingPathComponent(name).path
            try a.save(npy: path)
            return path
        }
        var version2 = Data(raw[0..<6]) + Data([2, 0]) + Data(Self.le(UInt32.max))
        version2 += raw[10...]
        let files: [(String, String, [String])] = [
            ("npy-truncated", try write("truncated.npy", raw.dropLast(100)), ["data is truncated", "2048 bytes"]),
            ("npy-liar", try npy("liar.npy") { $0.replacingOccurrences(of: "(2, 1, 16, 16)", with: "(2000, 1, 16, 16)") },
             ["header promises 2048000 bytes"]),
            ("npy-bomb", try npy("bomb.npy") { $0.replacingOccurrences(of: "(2, 1, 16, 16)", with: "(99999999, 99999, 16, 16)") },
             ["header promises 10239897497601024 bytes"]),
            ("npy-overflow", try npy("overflow.npy") {
                $0.replacingOccurrences(of: "(2, 1, 16, 16)", with: "(9999999999, 99999999999, 16, 16)")
            }, ["too large"]),
            ("npy-negative", try npy("negative.npy") { $0.replacingOccurrences(of: "(2, 1, 16, 16)", with: "(-2, 1, 16, 16)") },
             ["negative dimension"]),
            ("npy-magic", try write("magic.npy", Data("X".utf8) + raw.dropFirst()), ["bad magic"]),
            ("npy-empty", try write("empty.npy", Data()), ["empty"]),
            ("npy-header-garbage", try npy("garbage.npy") { _ in "{garbage\n" }, ["malformed header"]),
            ("npy-header-string", try npy("string.npy") { $0.replacingOccurrences(of: "'<f4'", with: "'<f4") },
             ["malformed header"]),
            ("npy-header-keys", try npy("keys.npy") { $0.replacingOccurrences(of: "'fortran_order'", with: "'fortran'") },
             ["keys"]),
            ("npy-header-length", try write("length.npy", Data(raw[0..<8]) + Data([0xFF, 0xFF]) + raw[10...]), ["header"]),
            ("npy-header-length-v2", try write("length2.npy", version2), ["header"]),
            ("npy-version", try write("version.npy", Data(raw[0..<6]) + Data([9]) + raw[7...]), ["version 9"]),
            ("npy-fortran", try npy("fortran.npy") { $0.replacingOccurrences(of: "False", with: "True") }, ["Fortran"]),
            ("npy-object", try npy("object.npy") { $0.replacingOccurrences(of: "'<f4'", with: "'|O'") }, ["object"]),
            ("npy-structured", try npy("structured.npy") { $0.replacingOccurrences(of: "'<f4'", with: "[('a', '<f4')]") },
             ["structured"]),
            ("npy-complex", try npy("complex.npy") { $0.replacingOccurrences(of: "'<f4'", with: "'<c8'") }, ["'<c8'"]),
            ("npy-params-file", Self.lenet.appendingPathComponent("model-0000.params").path, ["bad magic"]),
            ("npy-missing", corpus.appendingPathComponent("nonexistent.npy").path, ["No such file"]),
        ]
        var cases = files.map { name, path, expect in
            BadCase(name: name, args: ["run", lenet, "--input", "data=\(path)", "--out", outDir], expect: [path] + expect)
        }
        let dir = corpus.appendingPathComponent("dir.npy").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let fifo = corpus.appendingPathComponent("fifo.npy").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        for (name, path, expect) in [("npy-directory", dir, "is a directory"), ("npy-fifo", fifo, "FIFO"),
                                     ("npy-dev-zero", "/dev/zero", "device")] {
            cases.append(BadCase(name: name, args: ["run", lenet, "--input", "data=\(path)", "--out", outDir], expect: [path, expect]))
            cases.append(BadCase(name: name + "/inspect", args: ["inspect", lenet, "--input", "data=\(path)"], expect: [path, expect]))
        }
        // Unreadable files (permissions do not stop root, so only other users run these).
        if getuid() != 0 {
            let locked = try write("locked.npy", raw)
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked)
            cases.append(BadCase(name: "npy-unreadable", args: ["run", lenet, "--input", "data=\(locked)", "--out", outDir],
                                 expect: [locked, "Permission denied"]))
            for file in ["-symbol.json", "-0000.params"] {
                let model = try makeModel("unreadable\(file)")
                try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: model + file)
                cases.append(BadCase(name: "unreadable\(file)", args: ["inspect", model], expect: [model + file, "Permission denied"]))
            }
        }
        // Well-formed files that do not fit the model: the message names the model file and the node.
        let misfits: [(String, NDArray, [String])] = [
            ("npy-int64", try np.astype(x, .int64), ["int64"]),
            ("npy-bool", try np.greater(x, np.zeros([1])), ["bool"]),
            ("npy-shape", try np.reshape(np.zeros([2 * 16 * 15]), [2, 1, 16, 15]), ["node 'fc1'", "data (2, 1, 16, 15)"]),
            ("npy-ndim", try np.reshape(x, [512]), ["node 'conv1'", "(512,)"]),
            ("npy-scalar", try np.array([1] as [Float], shape: []), ["node 'conv1'", "()"]),
        ]
        for (name, array, expect) in misfits {
            let path = try save(name + ".npy", array)
            cases.append(BadCase(name: name, args: ["run", lenet, "--input", "data=\(path)", "--out", outDir],
                                 expect: [lenet] + expect))
            cases.append(BadCase(name: name + "/inspect", args: ["inspect", lenet, "--input", "data=\(path)"],
                                 expect: [lenet] + expect))
        }
        return cases
    }

    // MARK: - Arguments

    func argumentCases() throws -> [BadCase] {
        let lenet = Self.lenet.appendingPathComponent("model").path
        let data = "data=\(dataNPY)"
        let file = try write("a-file", Data("x".utf8))
        let symbolOnly = try makeModel("symbol-only")
        try FileManager.default.removeItem(atPath: symbolOnly + "-0000.params")
        let table: [([String], [String])] = [
            (["run", lenet, "--out", outDir], ["no value for input data", "--input", lenet + "-0000.params"]),
            (["run", lenet, "--input", "bogus=\(dataNPY)", "--out", outDir], ["no input named 'bogus'", "data", lenet]),
            (["run", lenet, "--input", data, "--input", data, "--out", outDir], ["--input data is given twice"]),
            (["run", lenet, "--input", "data", "--out", outDir], ["--input 'data'"]),
            (["run", lenet, "--input", "=\(dataNPY)", "--out", outDir], ["--input '="]),
            (["run", lenet, "--input", "data=", "--out", outDir], ["--input 'data='"]),
            (["run", lenet, "--input", data, "--epoch", "-1", "--out", outDir], ["--epoch"]),
            (["run", lenet, "--input", data, "--epoch", "abc", "--out", outDir], ["--epoch", "abc"]),
            (["run", lenet, "--input", data, "--epoch", "99999", "--out", outDir], ["--epoch"]),
            (["run", lenet, "--input", data, "--epoch", "7", "--out", outDir], [lenet + "-0007.params"]),
            (["run", lenet, "--input", data, "--epoch", "--out", outDir], ["--epoch"]),
            (["run", lenet, "--input", data, "--params", "/nonexistent.params", "--out", outDir], ["/nonexistent.params"]),
            (["run", lenet, "--input", data], ["--out"]),
            (["run", lenet, "--input", data, "--out", file], [file, "not a directory"]),
            (["run", lenet, "--input", data, "--out", "/proc/mxv1-no-such-dir/out"], ["/proc/mxv1-no-such-dir/out"]),
            (["run", "/nonexistent/m", "--out", outDir], ["/nonexistent/m-symbol.json"]),
            (["run", "/nonexistent/m.json", "--out", outDir], ["/nonexistent/m.json"]),
            (["run", symbolOnly, "--input", data, "--out", outDir], [symbolOnly + "-0000.params"]),
            (["run", lenet, "--input", data, "--out", outDir, "--bogus"], ["--bogus"]),
            (["inspect"], ["MODEL"]),
            (["inspect", lenet, "--ops"], ["--ops"]),
            (["inspect", "/nonexistent/m"], ["/nonexistent/m-symbol.json"]),
            (["inspect", lenet, "--epoch", "7"], [lenet + "-0007.params"]),
            (["inspect", lenet, "--epoch", "-3"], ["--epoch"]),
            (["inspect", lenet, "--params", "/nonexistent.params"], ["/nonexistent.params"]),
            (["inspect", lenet, "--shape", "data=1,x"], ["--shape 'data=1,x'"]),
            (["inspect", lenet, "--shape", "data"], ["--shape 'data'"]),
            (["inspect", lenet, "--shape", "data=-1,2"], ["--shape 'data=-1,2'"]),
            (["inspect", lenet, "--shape", "data=2,1,16,16", "--shape", "data=2,1,16,16"], ["--shape data is given twice"]),
            (["inspect", lenet, "--shape", "bogus=1,2"], ["no input named 'bogus'", lenet]),
            (["inspect", lenet, "--shape", "data=2,1,16"], ["node 'conv1'", "(2, 1, 16)", lenet]),
            (["inspect", lenet, "--shape", "data=2,1,16,15"], ["'fc1_weight'", lenet + "-0000.params"]),
            (["inspect", lenet, "--input", data, "--shape", "data=2,1,16,16"], ["'data'", "both"]),
            (["no-such-command"], ["no-such-command"]),
        ]
        return table.enumerated().map { k, t in BadCase(name: "arg-\(k)", args: t.0, expect: t.1) }
    }
}
