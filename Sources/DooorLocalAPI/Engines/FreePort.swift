import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Loopback ports for engine servers.
enum FreePort {
  /// A port nothing listens on now, chosen by the kernel.
  static func pick() throws -> Int {
    guard let port = bind(0) else {
      throw EngineError("no free loopback port: \(String(cString: strerror(errno)))")
    }
    return port
  }

  /// Whether something accepts TCP connections on 127.0.0.1:`port` now.
  static func isListening(_ port: Int) -> Bool {
    let descriptor = tcpSocket()
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = loopback(port)
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  private static func tcpSocket() -> Int32 {
    #if canImport(Glibc)
      socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      socket(AF_INET, SOCK_STREAM, 0)
    #endif
  }

  private static func loopback(_ port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }

  /// Whether `port` on 127.0.0.1 can be listened on now.
  static func isFree(_ port: Int) -> Bool { bind(port) != nil }

  /// Binds 127.0.0.1:`port`, reads the port back and closes the socket.
  private static func bind(_ port: Int) -> Int? {
    let descriptor = tcpSocket()
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    // As the engines do: a port whose old connections linger in TIME_WAIT is free for them.
    var reuse: Int32 = 1
    _ = setsockopt(
      descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
    var address = loopback(port)
    let length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        systemBind(descriptor, $0, length)
      }
    }
    guard bound == 0 else { return nil }
    var actual = sockaddr_in()
    var actualLength = length
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &actualLength)
      }
    }
    return Int(UInt16(bigEndian: actual.sin_port))
  }
}

#if canImport(Glibc)
  private let systemBind = Glibc.bind
#else
  private let systemBind = Darwin.bind
#endif
