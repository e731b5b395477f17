import Foundation
import MXNet
import TestSupport
import XCTest

/// `gluon.data` (datasets, samplers, DataLoader, vision transforms, MNIST files) against MXNet 1.9.1
/// (`Tests/Fixtures/gen_gluon_data.py`).
final class GluonDataTests: XCTestCase {
    func fixture() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/gluon_data.json")
        guard let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw MXNetError("gluon_data.json is not an object")
        }
        return doc
    }

    func assertEqual(_ a: NDArray, _ b: NDArray, atol: Double = 1e-6, _ what: String) throws {
        XCTAssertEqual(a.shape, b.shape, what)
        XCTAssertEqual(a.dtype, b.dtype, what)
        guard a.shape == b.shape else { return }
        let x = try a.asArray(Double.self), y = try b.asArray(Double.self)
        let worst = zip(x, y).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst, atol, what)
    }

    func testBatchSamplersMatchMXNet() throws {
        let cases = try XCTUnwrap(fixture()["batch_samplers"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 8)
        for c in cases {
            let length = try XCTUnwrap(c["length"] as? Int), size = try XCTUnwrap(c["batch_size"] as? Int)
            let last = try XCTUnwrap(LastBatch(rawValue: XCTUnwrap(c["last_batch"] as? String)))
            let epochs = try XCTUnwrap(c["epochs"] as? [[[Int]]])
            let sampler = BatchSampler(SequentialSampler(length), batchSize: size, lastBatch: last)
            for (e, expected) in epochs.enumerated() {
                XCTAssertEqual(sampler.count, expected.count, "\(length)/\(size)/\(last) epoch \(e) count")
                XCTAssertEqual(try sampler.batches(), expected, "\(length)/\(size)/\(last) epoch \(e)")
            }
        }
    }

    func testArrayDatasetAndLoaderMatchMXNet() throws {
        let d = try XCTUnwrap(fixture()["array_dataset"] as? [String: Any])
        let inputs = try XCTUnwrap(d["inputs"] as? [Any]).map { try Fixtures.array($0) }
        let ds = try ArrayDataset(arrays: inputs)
        XCTAssertEqual(ds.count, 7)
        let sample = try XCTUnwrap(d["sample_3"] as? [Any]).map { try Fixtures.array($0) }
        for (k, (a, e)) in zip(try ds.sample(3), sample).enumerated() { try assertEqual(a, e, "sample 3 field \(k)") }
        let batches = try XCTUnwrap(d["loader_batches"] as? [[Any]])
        for useBatchify in [false, true] {
            let loader = try DataLoader(ds, batchSize: 3, lastBatch: .keep, batchify: useBatchify ? stackSamples : nil)
            XCTAssertEqual(loader.count, batches.count)
            var i = 0
            try loader.forEach { batch in
                for (k, (a, e)) in zip(batch, try batches[i].map { try Fixtures.array($0) }).enumerated() {
                    try assertEqual(a, e, "batch \(i) field \(k) (batchify \(useBatchify))")
                }
                i += 1
            }
            XCTAssertEqual(i, batches.count)
        }
    }

    func testShuffleIsASeededPermutation() throws {
        let ds = try ArrayDataset(np.arange(10))
        func order() throws -> [Double] {
            let loader = try DataLoader(ds, batchSize: 4, shuffle: true)
            var seen: [Double] = []
            var epoch = try loader.epoch()
            while let batch = try epoch.next() { seen += try batch[0].asArray(Double.self) }
            return seen
        }
        try np.random.seed(7)
        let a = try order()
        try np.random.seed(7)
        XCTAssertEqual(try order(), a, "the same seed gives the same order")
        XCTAssertEqual(a.sorted(), (0..<10).map(Double.init))
        XCTAssertNotEqual(a, (0..<10).map(Double.init), "shuffled")
        XCTAssertThrowsError(try DataLoader(ds, batchSize: 0))
        XCTAssertThrowsError(try DataLoader(ds))
        XCTAssertThrowsError(try DataLoader(ds, batchSize: 2, shuffle: true, sampler: SequentialSampler(10)))
        XCTAssertThrowsError(try ds.sample(10))
        XCTAssertThrowsError(try ArrayDataset(np.zeros([3]), np.zeros([4])))
    }

    func testTransformsMatchMXNet() throws {
        let cases = try XCTUnwrap(fixture()["transforms"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 8)
        for c in cases {
            let name = try XCTUnwrap(c["name"] as? String), args = c["args"] as? [String: Any] ?? [:]
            let x = try Fixtures.array(XCTUnwrap(c["input"])), expected = try Fixtures.array(XCTUnwrap(c["output"]))
            let out: NDArray
            var atol = 1e-6
            switch name {
            case "to_tensor": out = try transforms.ToTensor()(x)
            case let n where n.hasPrefix("normalize"):
                out = try transforms.Normalize(mean: XCTUnwrap(args["mean"] as? [Double]), std: XCTUnwrap(args["std"] as? [Double]))(x)
            case let n where n.hasPrefix("resize"):
                // MXNet resizes with OpenCV's fixed-point bilinear: uint8 results may differ by one.
                atol = x.dtype == .uint8 ? 1 : 1e-5
                if let size = args["size"] as? Int {
                    out = try transforms.Resize(size, keepRatio: args["keep_ratio"] as? Bool ?? false)(x)
                } else {
                    out = try transforms.Resize(width: XCTUnwrap(args["width"] as? Int), height: XCTUnwrap(args["height"] as? Int))(x)
                }
            case "center_crop":
                out = try transforms.CenterCrop(width: XCTUnwrap(args["width"] as? Int), height: XCTUnwrap(args["height"] as? Int))(x)
            default: XCTFail("unknown transform case \(name)"); continue
            }
            try assertEqual(out, expected, atol: atol, name)
        }
        XCTAssertThrowsError(try transforms.CenterCrop(50)(np.zeros([4, 4, 3])))
        XCTAssertThrowsError(try transforms.Normalize(mean: [0, 0], std: [1, 1, 1])(np.zeros([3, 2, 2])))
    }

    func testRandomFlipFlipsAboutHalf() throws {
        try np.random.seed(3)
        let img = try np.arange(12).reshaped([2, 3, 2])
        let flipped = try np.flip(img, axis: [1])
        var flips = 0
        for _ in 0..<200 {
            let out = try transforms.RandomFlipLeftRight()(img)
            if try out.asArray(Double.self) == flipped.asArray(Double.self) { flips += 1 } else {
                XCTAssertEqual(try out.asArray(Double.self), try img.asArray(Double.self))
            }
        }
        XCTAssertTrue((70...130).contains(flips), "\(flips) flips of 200")
    }

    /// IDX files written here (MNIST's layout), and malformed ones refused with the file named.
    func testMNISTFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mnist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func idx(_ dims: [UInt32], _ values: [UInt8], magic: [UInt8]? = nil) -> Data {
            var d = Data(magic ?? [0, 0, 8, UInt8(dims.count)])
            for v in dims { d.append(contentsOf: withUnsafeBytes(of: v.bigEndian) { Array($0) }) }
            d.append(contentsOf: values)
            return d
        }
        let pixels = (0..<(3 * 4 * 5)).map { UInt8($0 % 256) }
        try idx([3, 4, 5], pixels).write(to: dir.appendingPathComponent("train-images-idx3-ubyte"))
        try idx([3], [7, 1, 9]).write(to: dir.appendingPathComponent("train-labels-idx1-ubyte"))
        let mnist = try MNIST(root: dir.path, train: true)
        XCTAssertEqual(mnist.count, 3)
        let s = try mnist.sample(2)
        XCTAssertEqual(s[0].shape, [4, 5, 1]); XCTAssertEqual(s[0].dtype, .uint8)
        XCTAssertEqual(try s[0].asArray(UInt8.self), Array(pixels[40..<60]))
        XCTAssertEqual(s[1].dtype, .int32); XCTAssertEqual(try s[1].item(Int32.self), 9)

        let bad: [(String, Data, String)] = [
            ("truncated", idx([3, 4, 5], Array(pixels.prefix(10))), "truncated"),
            ("bomb", idx([0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], []), "more data than the file"),
            ("gzip", Data([0x1F, 0x8B, 8, 0, 0, 0]), "gzip"),
            ("magic", idx([3, 4, 5], pixels, magic: [1, 2, 8, 3]), "magic"),
            ("rank", idx([3], [1, 2, 3]), "rank"),
            ("short", Data([0, 0]), "too short"),
        ]
        for (name, data, message) in bad {
            let path = dir.appendingPathComponent(name).path
            try data.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try MNIST(images: path, labels: dir.appendingPathComponent("train-labels-idx1-ubyte").path)) { e in
                XCTAssertTrue("\(e)".contains(path) && "\(e)".contains(message), "\(name): \(e)")
            }
        }
        try idx([2], [1, 2]).write(to: dir.appendingPathComponent("two-labels"))
        XCTAssertThrowsError(try MNIST(images: dir.appendingPathComponent("train-images-idx3-ubyte").path,
                                       labels: dir.appendingPathComponent("two-labels").path))
    }
}
