/// The MNIST handwritten digits from IDX files in a folder (Gluon's `vision.MNIST`, without downloading):
/// samples are a (28, 28, 1) uint8 image and an int32 label.
///
/// The folder holds `train-images-idx3-ubyte` and `train-labels-idx1-ubyte` (or the `t10k-` pair for the test
/// set), uncompressed (`gunzip` the files MXNet downloads).
///
/// ```swift
/// let train = try MNIST(root: "data/mnist", train: true)
/// let loader = try DataLoader(train.transformFirst(transforms.ToTensor().callAsFunction), batchSize: 64, shuffle: true)
/// ```
public struct MNIST: Dataset {
    /// Images (N, rows, columns, 1) uint8 and labels (N,) int32.
    public let data: ArrayDataset
    public var images: NDArray { data.arrays[0] }
    public var labels: NDArray { data.arrays[1] }

    /// - Throws: ``MXNetError`` naming the file for a missing, compressed, truncated or malformed IDX file, or
    ///   image and label files of different lengths.
    public init(root: String, train: Bool = true) throws {
        let prefix = train ? "train" : "t10k"
        try self.init(images: root + "/\(prefix)-images-idx3-ubyte", labels: root + "/\(prefix)-labels-idx1-ubyte")
    }

    /// Reads an image file and a label file in IDX format.
    public init(images imagePath: String, labels labelPath: String) throws {
        let images = try IDXFile.read(imagePath, rank: 3)
        let labels = try IDXFile.read(labelPath, rank: 1)
        guard images.shape[0] == labels.shape[0] else {
            throw MXNetError("\(labelPath): \(labels.shape[0]) labels for \(images.shape[0]) images in \(imagePath)")
        }
        data = try ArrayDataset(np.expandDims(images, axis: 3), labels.astype(.int32))
    }

    public var count: Int { data.count }
    public func sample(_ index: Int) throws -> [NDArray] { try data.sample(index) }
    public func batch(_ indices: [Int]) throws -> [NDArray] { try data.batch(indices) }
}

/// Fashion-MNIST: the same files and layout as ``MNIST`` (Gluon's `vision.FashionMNIST`).
public typealias FashionMNIST = MNIST

/// The IDX format of the MNIST files: a big-endian magic (0, 0, type 0x08 = uint8, rank), the dimensions as
/// big-endian UInt32, then the values.
enum IDXFile {
    /// Reads an unsigned-byte IDX file of the given rank.
    /// - Throws: ``MXNetError`` naming the file for a wrong magic, type or rank, a gzip file, or data shorter
    ///   than the dimensions promise (checked before anything is allocated).
    static func read(_ path: String, rank: Int) throws -> NDArray {
        do {
            let file = try RegularFile(path: path)
            let head = try file.bytes(0, min(4, file.size))
            guard head.count == 4 else { throw MXNetError("the file is too short for an IDX header") }
            if head[0] == 0x1F && head[1] == 0x8B { throw MXNetError("the file is gzip-compressed; gunzip it first") }
            guard head[0] == 0, head[1] == 0 else { throw MXNetError("not an IDX file (bad magic)") }
            guard head[2] == 0x08 else { throw MXNetError("IDX element type 0x\(String(head[2], radix: 16)) is not unsigned byte") }
            guard Int(head[3]) == rank else { throw MXNetError("IDX rank is \(head[3]), expected \(rank)") }
            let dims = try file.bytes(4, 4 * rank)
            guard dims.count == 4 * rank else { throw MXNetError("the file is too short for its dimensions") }
            let shape = (0..<rank).map { i in dims[4 * i..<4 * i + 4].reduce(0) { $0 << 8 | Int($1) } }
            let offset = 4 + 4 * rank
            // Dimensions are at most 2^32 each; the product is checked against the file before allocating.
            var count = 1
            for d in shape {
                let (p, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow, p <= file.size else {
                    throw MXNetError("dimensions \(Shape.text(shape)) need more data than the file holds")
                }
                count = p
            }
            guard file.size - offset >= count else {
                throw MXNetError("data is truncated: dimensions \(Shape.text(shape)) need \(count) bytes, the file has \(file.size - offset)")
            }
            let storage = Storage(uninitializedByteCount: count)
            try file.read(offset, count, into: storage.data)
            return NDArray(storage: storage, shape: shape, dtype: .uint8)
        } catch let e as MXNetError {
            throw MXNetError("\(path): \(e.message)")
        }
    }
}
