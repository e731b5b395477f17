import Foundation

/// Keeps freed large buffers for reuse, so that repeated work of the same shapes does not pay for fresh pages
/// (page faults on every new multi-megabyte output) — the role of MXNet's pooled storage manager.
///
/// Sizes are rounded up to classes 1/8 of a power of two apart; at most ``limit`` bytes are kept.
final class StoragePool {
    static let shared = StoragePool()
    /// Buffers below this size go straight to malloc.
    static let minimumPooledSize = 1 << 16
    let limit = 1 << 30

    private var free: [Int: [UnsafeMutableRawPointer]] = [:]
    private var cachedBytes = 0
    private let lock = NSLock()

    /// The size class `byteCount` is allocated with.
    static func sizeClass(_ byteCount: Int) -> Int {
        if byteCount < minimumPooledSize { return byteCount }
        let top = Int.bitWidth - 1 - byteCount.leadingZeroBitCount   // floor(log2)
        let step = 1 << max(top - 3, 12)
        return (byteCount + step - 1) / step * step
    }

    /// A buffer of at least `byteCount` bytes (its size class), from the pool when one is free.
    func allocate(_ byteCount: Int) -> UnsafeMutableRawPointer {
        let size = StoragePool.sizeClass(byteCount)
        if size >= StoragePool.minimumPooledSize {
            lock.lock()
            if var list = free[size], let p = list.popLast() {
                free[size] = list
                cachedBytes -= size
                lock.unlock()
                return p
            }
            lock.unlock()
        }
        // Small buffers: malloc's 16-byte alignment is enough and much cheaper than an aligned allocation.
        return UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: size < 4096 ? 16 : 64)
    }

    /// Returns a buffer obtained from ``allocate(_:)`` with the same `byteCount`.
    func release(_ p: UnsafeMutableRawPointer, byteCount: Int) {
        let size = StoragePool.sizeClass(byteCount)
        if size >= StoragePool.minimumPooledSize {
            lock.lock()
            if cachedBytes + size <= limit {
                free[size, default: []].append(p)
                cachedBytes += size
                lock.unlock()
                return
            }
            lock.unlock()
        }
        p.deallocate()
    }

    /// Frees every cached buffer.
    func trim() {
        lock.lock()
        for (_, list) in free { for p in list { p.deallocate() } }
        free = [:]
        cachedBytes = 0
        lock.unlock()
    }
}
