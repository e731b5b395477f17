import Foundation
import MXNet
import TestSupport
import XCTest

final class GluonSerializationTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("gluon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func trained() throws -> (TwoStage, NDArray) {
        np.random.seed(1)
        let net = TwoStage()
        try net.initialize()
        let x = try np.random.uniform(low: -1, high: 1, size: [2, 3, 5, 5])
        _ = try autograd.record { try net(x) }   // training pass: running statistics move away from 0 / 1
        return (net, x)
    }

    func testSaveLoadRoundTripBothFormats() throws {
        let (net, x) = try trained()
        let expected = try net(x).asArray(Double.self)
        for file in ["net.npz", "net.params"] {
            let path = dir.appendingPathComponent(file).path
            try net.saveParameters(path)
            let head = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4)
            XCTAssertEqual(NPZFile.isArchive(head), file.hasSuffix(".npz"))
            let fresh = TwoStage()                     // shapes unknown: taken from the file
            try fresh.loadParameters(path)
            XCTAssertEqual(try fresh.paramDict()["features.0.weight"]!.data().shape, [4, 3, 3, 3])
            assertClose(try fresh(x).asArray(Double.self), expected, rtol: 0, atol: 0, file)
        }
        // Either format is recognised from the content, whatever the extension.
        let odd = dir.appendingPathComponent("net.bin").path
        try net.saveParameters(odd, format: .legacy)
        let again = TwoStage()
        try again.loadParameters(odd)
        assertClose(try again(x).asArray(Double.self), expected, rtol: 0, atol: 0, "legacy with .bin")
    }

    func testLoadErrors() throws {
        let (net, _) = try trained()
        let path = dir.appendingPathComponent("net.npz").path
        try net.saveParameters(path)
        let small = nn.Dense(2)
        XCTAssertThrowsError(try small.loadParameters(path))                          // extra names
        let bigger = TwoStage()
        bigger.features.add(nn.Dense(3))
        XCTAssertThrowsError(try bigger.loadParameters(path))                         // missing name
        try bigger.loadParameters(path, allowMissing: true)
        let garbage = dir.appendingPathComponent("bad.npz").path
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: URL(fileURLWithPath: garbage))
        XCTAssertThrowsError(try net.loadParameters(garbage))
    }

    /// NumPy's `np.savez` (zip64 extras) and MXNet's own `nd.save` files load; our npz loads in NumPy.
    func testInteroperatesWithNumPyAndMXNet() throws {
        let python = try Oracle.requirePython()
        let (net, x) = try trained()
        let ours = dir.appendingPathComponent("ours.npz").path
        try net.saveParameters(ours)
        let script = """
        import numpy as np, mxnet as mx, sys
        d = dict(np.load(sys.argv[1]))
        np.savez(sys.argv[2], **d)
        mx.nd.save(sys.argv[3], {k: mx.nd.array(v) for k, v in d.items()})
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", script, ours, dir.appendingPathComponent("numpy.npz").path, dir.appendingPathComponent("mx.params").path]
        try p.run(); p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let expected = try net(x).asArray(Double.self)
        for file in ["numpy.npz", "mx.params"] {
            let other = TwoStage()
            try other.loadParameters(dir.appendingPathComponent(file).path)
            assertClose(try other(x).asArray(Double.self), expected, rtol: 0, atol: 0, file)
        }
    }

    /// `export` → MXNet 1.9.1's `SymbolBlock.imports` runs it to the same outputs (expected values from MXNet).
    func testExportLoadsInMXNet() throws {
        let python = try Oracle.requirePython()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gluon_imports.py").path
        let (net, x) = try trained()
        let mlp = nn.HybridSequential()
        mlp.add(nn.Dense(8, activation: .relu), nn.Dropout(0.3), nn.Dense(3, activation: .sigmoid))
        try mlp.initialize()
        let cnn = nn.HybridSequential()
        cnn.add(nn.Conv2D(4, kernelSize: [3, 3], padding: [1], activation: .relu), nn.BatchNorm(),
                nn.MaxPool2D(), nn.AvgPool2D(poolSize: [1, 1]), nn.Flatten(), nn.Dense(2))
        try cnn.initialize()
        let cases: [(String, HybridBlock, NDArray)] = [
            ("twostage", net, x), ("mlp", mlp, try np.random.uniform(size: [4, 6])),
            ("cnn", cnn, try np.random.uniform(size: [2, 1, 6, 6])),
        ]
        for (name, block, input) in cases {
            _ = try autograd.record { try block(input) }
            block.hybridize()
            let ours = try block(input)
            let prefix = dir.appendingPathComponent(name).path
            let files = try block.export(prefix, epoch: 3)
            XCTAssertTrue(files.paramsFile.hasSuffix("\(name)-0003.params"))
            try input.save(npy: dir.appendingPathComponent("data.npy").path)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = [script, prefix, "3", "data", dir.path]
            p.standardOutput = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, name)
            let theirs = try NPYFile.read(path: dir.appendingPathComponent("mxnet_out0.npy").path)
            XCTAssertEqual(theirs.shape, ours.shape, name)
            assertClose(try ours.asArray(Double.self), try theirs.asArray(Double.self), rtol: 1e-5, atol: 1e-6, name)
        }
    }
}
