import Dispatch
import Foundation
import Synchronization

/// Where a scheduled run hears SIGTERM and SIGINT. Injected: the CLI listens to the process's
/// signals (``ProcessSignals``); a test delivers them itself.
public protocol TerminationSignalSource: Sendable {
    /// Calls `handler` with the signal number each time a termination signal arrives from now on.
    func install(_ handler: @escaping @Sendable (Int32) -> Void)
}

/// SIGTERM and SIGINT of this process, through Dispatch signal sources (the default actions are
/// ignored once installed).
public final class ProcessSignals: TerminationSignalSource {
    private let sources = Mutex<[Installed]>([])

    /// A Dispatch signal source kept alive (Dispatch sources are thread-safe; they are only retained here).
    private struct Installed: @unchecked Sendable {
        let source: any DispatchSourceSignal
    }

    /// Creates the source; nothing is installed until ``install(_:)``.
    public init() {}

    /// Installs `handler` for SIGTERM and SIGINT.
    public func install(_ handler: @escaping @Sendable (Int32) -> Void) {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue.global())
            source.setEventHandler { handler(number) }
            source.resume()
            let installed = Installed(source: source)
            sources.withLock { $0.append(installed) }
        }
    }
}
