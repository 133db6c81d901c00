import Foundation
import Glibc
import VoxPopFoundation

/// What the disk under the benchmark does with flushes like the vote writer's, without SQLite:
/// `threads` threads each overwrite `chunk` bytes of one preallocated file (as the WAL is
/// rewritten after a restart) and `fdatasync` it, again and again for `seconds`.
///
/// With one thread this is the disk's flush latency; with several it shows whether flushes
/// overlap or queue. If three threads manage no more flushes a second than one, each waits for
/// the others, and flushing in parallel only lengthens every flush.
func diskFlushProbe(directory: URL, threads: Int, seconds: Double, chunk: Int = 65_536) -> (
    perSecond: Double, meanMicroseconds: Double
) {
    let path = directory.appendingPathComponent("flush-probe").path
    let slots = 256
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    precondition(descriptor >= 0, "cannot create \(path)")
    defer {
        close(descriptor)
        unlink(path)
    }
    let zeros = [UInt8](repeating: 0, count: chunk)
    for slot in 0..<slots {
        _ = zeros.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, chunk, off_t(slot * chunk)) }
    }
    fsync(descriptor)

    let totals = Locked<(flushes: Int, nanoseconds: UInt64)>((0, 0))
    let done = DispatchGroup()
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    for number in 0..<threads {
        done.enter()
        Thread {
            let data = [UInt8](repeating: UInt8(number + 1), count: chunk)
            var slot = number
            var mine = 0
            var spent: UInt64 = 0
            while DispatchTime.now().uptimeNanoseconds < deadline {
                _ = data.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, chunk, off_t((slot % slots) * chunk)) }
                slot += threads
                let started = DispatchTime.now().uptimeNanoseconds
                fdatasync(descriptor)
                spent += DispatchTime.now().uptimeNanoseconds - started
                mine += 1
            }
            totals.withLock {
                $0.flushes += mine
                $0.nanoseconds += spent
            }
            done.leave()
        }.start()
    }
    done.wait()
    let (flushes, nanoseconds) = totals.withLock { $0 }
    return (Double(flushes) / seconds, flushes == 0 ? 0 : Double(nanoseconds) / Double(flushes) / 1000)
}
