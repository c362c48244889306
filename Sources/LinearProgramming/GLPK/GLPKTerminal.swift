internal import CGLPK

/// Routes GLPK's terminal output on the current thread into a buffer (`glp_term_hook`), so
/// library code never prints. GLPK's hook is per thread, like its environment.
enum GLPKTerminal {
    /// The text captured so far, readable while `body` runs.
    final class Buffer {
        private(set) var text = ""
        let keep: Bool
        /// Called with every complete line as it arrives (without its newline). GLPK prints one
        /// line in several pieces (a simplex progress line is three `xprintf` calls), so pieces
        /// are joined here first.
        var onLine: ((Substring) -> Void)?
        private var partialLine = ""
        init(keep: Bool) { self.keep = keep }
        fileprivate func append(_ s: String) {
            text += s
            guard let onLine else { return }
            partialLine += s
            while let newline = partialLine.firstIndex(of: "\n") {
                onLine(partialLine[..<newline])
                partialLine = String(partialLine[partialLine.index(after: newline)...])
            }
        }
    }

    /// Runs `body` with GLPK's output captured (when `keep`) or discarded, and returns both.
    static func capturing<T, E: Error>(keep: Bool, _ body: (Buffer) throws(E) -> T) throws(E) -> (T, String) {
        let buffer = Buffer(keep: keep)
        let hook: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { info, text in
            if let info, let text {
                let buffer = Unmanaged<Buffer>.fromOpaque(info).takeUnretainedValue()
                if buffer.keep { buffer.append(String(cString: text)) }
            }
            return 1  // non-zero: GLPK does not print the text itself
        }
        return try withExtendedLifetime(buffer) { () throws(E) -> (T, String) in
            glp_term_hook(hook, Unmanaged.passUnretained(buffer).toOpaque())
            defer { glp_term_hook(nil, nil) }
            let value = try body(buffer)
            return (value, buffer.text)
        }
    }
}

/// Facts about the linked GLPK library.
public enum GLPKLibrary {
    /// The linked GLPK's version string (`glp_version`), e.g. "5.0".
    public static var version: String { String(cString: glp_version()) }

    /// GLPK's memory on the calling thread (`glp_mem_usage`): bytes in use now and at the peak.
    public static func memoryUsage() -> (currentBytes: Int, peakBytes: Int) {
        var count: Int32 = 0, countPeak: Int32 = 0
        var total = 0, totalPeak = 0
        glp_mem_usage(&count, &countPeak, &total, &totalPeak)
        return (total, totalPeak)
    }
}
