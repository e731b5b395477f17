import Foundation

/// A contiguous, 64-byte aligned, zero-initialised block of bytes owned by one or more arrays.
///
/// Arrays share a `Storage` only until one of them writes: writers copy first (copy on write),
/// so no array ever sees another's changes.
final class Storage {
    let data: UnsafeMutableRawPointer
    let byteCount: Int

    init(byteCount: Int) {
        self.byteCount = byteCount
        data = StoragePool.shared.allocate(byteCount)
        data.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1))
    }

    /// An uninitialised block, for outputs that a kernel overwrites in full.
    init(uninitializedByteCount byteCount: Int) {
        self.byteCount = byteCount
        data = StoragePool.shared.allocate(byteCount)
    }

    func copy() -> Storage {
        let s = Storage(uninitializedByteCount: byteCount)
        s.data.copyMemory(from: data, byteCount: byteCount)
        return s
    }

    deinit { StoragePool.shared.release(data, byteCount: byteCount) }
}
